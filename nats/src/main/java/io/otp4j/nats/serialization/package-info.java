/**
 * The serialization SPI of otp4j-nats ({@link io.otp4j.nats.serialization.MessageCodec},
 * {@link io.otp4j.nats.serialization.RefCodec}, {@link io.otp4j.nats.serialization.MessageTypes}) and
 * its default, compact codec.
 *
 * <h2>Safety</h2>
 * No Java serialization, and no class is ever looked up by a name read from the wire. A payload names its
 * type by a number; a number that is not in the receiving node's {@code MessageTypes} is refused with
 * {@code UNKNOWN_TYPE_ID}. Below the message, the declared types of the record's components decide what is
 * built; where a declaration leaves the type open (a sealed interface, {@code Object}), the payload's type
 * id must again be in the allow-list and fit the declaration. Records are built through their canonical
 * constructor, so their validation runs on decoded values as on any others.
 *
 * <h2>Format</h2>
 * <pre>
 * payload   = format(1 byte, = 1)  type-id(zigzag varint)  body
 * record    = field*                         (to the end of the enclosing length)
 * field     = key(2 bytes, big-endian: 13-bit tag of the component's name | 3-bit wire type)  value
 * value     = VARINT   booleans, integers (zigzag), char
 *           | FIXED32  float      | FIXED64  double          (little-endian)
 *           | LEN      length(varint) then: UTF-8 (String, enum constant's name, ref address), raw bytes
 *                      (byte[]), a record's fields, elements (List, Set), key value pairs (Map), zero or
 *                      one value (Optional), or type-id + body (a sealed interface, Object)
 * </pre>
 * A component that is {@code null} or an empty {@code Optional} is left out.
 *
 * <h2>Schema evolution</h2>
 * Fields are keyed by the hash of the component's name, not by position, and every field carries its wire
 * type, so a reader can skip what it does not know. Between an older and a newer version of a record
 * registered under the same id:
 * <ul>
 *   <li><b>component added</b>: the newer node ignores nothing, the older node skips the new field. A
 *       newer node receiving from an older one gets the component's missing value: zero or {@code false}
 *       for a primitive, {@code Optional.empty()}, an empty {@code List}, {@code Set} or {@code Map}, and
 *       {@code null} for anything else, which the record's compact constructor replaces with its default
 *       ({@code note = note == null ? "" : note;}).</li>
 *   <li><b>component removed</b>: the newer node skips the field an older one still sends; the older one
 *       fills in its missing value as above.</li>
 *   <li><b>components reordered, record renamed or moved</b>: no effect (the type id and the names
 *       count).</li>
 *   <li><b>integer widened</b> ({@code int} to {@code long}): compatible, as long as the values fit; a value
 *       that does not fit the receiver's type is refused as {@code MALFORMED}, never truncated.</li>
 *   <li><b>component renamed, or its type changed otherwise</b>: incompatible (a renamed component is a
 *       removed one plus an added one; a wire type that does not match is refused).</li>
 *   <li><b>enum constant added</b>: compatible until it is sent to a node that lacks it, which refuses
 *       the message as {@code MALFORMED}.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * The encoder stops as soon as the payload passes the codec's limit (NATS's {@code max_payload}) and throws
 * {@code TOO_LARGE}; nothing is ever truncated or dropped without an exception. Values nest at most 256
 * length-delimited levels deep (a record in a list in a record is three), so that no payload can exhaust
 * a decoding thread's stack.
 */
package io.otp4j.nats.serialization;
