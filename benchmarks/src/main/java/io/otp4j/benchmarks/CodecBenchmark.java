package io.otp4j.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.otp4j.nats.serialization.MessageCodec;
import io.otp4j.nats.serialization.MessageTypes;
import io.otp4j.nats.serialization.RefCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: which serialization library should carry otp4j messages between nodes? For three
 * representative messages, how many nanoseconds does one encode plus one decode take, and how many bytes
 * does the message take on the wire? Each candidate is set up the way a node would use it safely: an
 * allow-list of message types with stable ids, no Java serialization, unknown fields tolerated where the
 * library can.
 * <ul>
 *   <li>{@code otp4j}: otp4j-nats's compact codec ({@link MessageCodec#compact}).</li>
 *   <li>{@code jackson-cbor}, {@code jackson-json}: Jackson 2 (the version Pekko's Jackson serializer
 *       brings), records by their canonical constructor, unknown properties ignored; a one-byte type id
 *       before the document, looked up in an allow-list (as Pekko writes a manifest beside the bytes).</li>
 *   <li>{@code kryo}: Kryo 5 with registration required (ids as the allow-list); records go through
 *       Kryo's {@code RecordSerializer}, which writes components by position. (Kryo's
 *       {@code CompatibleFieldSerializer}, its evolution-tolerant one, cannot build records: {@link #main}
 *       reports what it does.)</li>
 *   <li>{@code fory}: Apache Fory (formerly Fury) in Java mode, class registration required, compatible
 *       mode (field names and types in the payload, so fields can be added and removed), no reference
 *       tracking.</li>
 * </ul>
 * Messages: {@code small} a record of a string and two longs; {@code list} a record with a list of ten
 * records; {@code map} a record with a map of eight string pairs. The score is nanoseconds per encode +
 * decode; bytes per message are printed by {@link #main}, which also checks every round trip.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CodecBenchmark} (JMH, wall time) and
 * {@code java -cp benchmarks/target/benchmarks.jar io.otp4j.benchmarks.CodecBenchmark cpu} (bytes, and CPU
 * time per encode + decode, which a machine shared with other loads does not inflate).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class CodecBenchmark {

    /** A small command. */
    public record Deposit(String account, long amountCents, long timestamp) {}

    /** One line of {@link OrderPlaced}. */
    public record Line(String sku, int quantity, long priceCents) {}

    /** A record with a list of records. */
    public record OrderPlaced(String orderId, String customer, List<Line> lines) {}

    /** A record with a map of strings. */
    public record Tagged(String id, Map<String, String> attributes) {}

    static final Map<String, Object> MESSAGES = messages();

    private static Map<String, Object> messages() {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(new Line("SKU-" + (1000 + i * 37), 1 + i % 4, 199L + i * 250));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String k : List.of("region", "tier", "channel", "campaign", "locale", "device", "currency", "source")) {
            attributes.put(k, k + "-value-" + k.length());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("small", new Deposit("acct-00042", 12_345L, 1_796_600_000_000L));
        m.put("list", new OrderPlaced("order-7f3a9c", "customer-1138", List.copyOf(lines)));
        m.put("map", new Tagged("evt-55", Map.copyOf(attributes)));
        return m;
    }

    static final List<Class<?>> TYPES = List.of(Deposit.class, Line.class, OrderPlaced.class, Tagged.class);

    /** One candidate, as a node would use it: encode to a byte array, decode from one. */
    interface Candidate {
        byte[] encode(Object message);

        Object decode(byte[] bytes);
    }

    static Candidate create(String name) {
        return switch (name) {
            case "otp4j" -> otp4j();
            case "jackson-cbor" -> jackson(new ObjectMapper(new CBORFactory()));
            case "jackson-json" -> jackson(new ObjectMapper());
            case "kryo" -> kryo(false);
            case "kryo-compatible" -> kryo(true);
            case "fory" -> fory();
            default -> throw new IllegalArgumentException("unknown candidate " + name);
        };
    }

    private static Candidate otp4j() {
        MessageTypes.Builder b = MessageTypes.builder();
        for (int i = 0; i < TYPES.size(); i++) {
            b.add(i + 1, TYPES.get(i));
        }
        MessageCodec codec = MessageCodec.compact(b.build(), RefCodec.none());
        return new Candidate() {
            @Override
            public byte[] encode(Object message) {
                return codec.encode(message);
            }

            @Override
            public Object decode(byte[] bytes) {
                return codec.decode(bytes);
            }
        };
    }

    private static Candidate jackson(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ObjectWriter[] writers = new ObjectWriter[TYPES.size() + 1];
        ObjectReader[] readers = new ObjectReader[TYPES.size() + 1];
        for (int i = 0; i < TYPES.size(); i++) {
            writers[i + 1] = mapper.writerFor(TYPES.get(i));
            readers[i + 1] = mapper.readerFor(TYPES.get(i));
        }
        return new Candidate() {
            @Override
            public byte[] encode(Object message) {
                int id = TYPES.indexOf(message.getClass()) + 1;
                if (id == 0) {
                    throw new IllegalArgumentException("not allowed: " + message.getClass());
                }
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
                    out.write(id);
                    writers[id].writeValue(out, message);
                    return out.toByteArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Object decode(byte[] bytes) {
                int id = bytes[0];
                if (id <= 0 || id >= readers.length) {
                    throw new IllegalArgumentException("unknown type id " + id);
                }
                try {
                    return readers[id].readValue(bytes, 1, bytes.length - 1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static Candidate kryo(boolean compatible) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        ImmutableCollectionsSerializers.registerSerializers(kryo);
        kryo.register(ArrayList.class);
        kryo.register(LinkedHashMap.class);
        for (int i = 0; i < TYPES.size(); i++) {
            Class<?> type = TYPES.get(i);
            if (compatible) {
                kryo.register(type, new CompatibleFieldSerializer<>(kryo, type), 100 + i);
            } else {
                kryo.register(type, 100 + i);
            }
        }
        Output output = new Output(256, MessageCodec.DEFAULT_MAX_PAYLOAD);
        Input input = new Input();
        return new Candidate() {
            @Override
            public byte[] encode(Object message) {
                output.reset();
                kryo.writeClassAndObject(output, message);
                return output.toBytes();
            }

            @Override
            public Object decode(byte[] bytes) {
                input.setBuffer(bytes);
                return kryo.readClassAndObject(input);
            }
        };
    }

    private static Candidate fory() {
        Fory fory = Fory.builder().withLanguage(Language.JAVA).requireClassRegistration(true)
                .withCompatibleMode(CompatibleMode.COMPATIBLE).withRefTracking(false).build();
        for (Class<?> type : TYPES) {
            fory.register(type);
        }
        return new Candidate() {
            @Override
            public byte[] encode(Object message) {
                return fory.serialize(message);
            }

            @Override
            public Object decode(byte[] bytes) {
                return fory.deserialize(bytes);
            }
        };
    }

    @Param({"otp4j", "jackson-cbor", "jackson-json", "kryo", "fory"})
    public String codec;

    @Param({"small", "list", "map"})
    public String message;

    private Candidate candidate;
    private Object value;

    @Setup
    public void setUp() {
        candidate = create(codec);
        value = MESSAGES.get(message);
        Object back = candidate.decode(candidate.encode(value));
        if (!value.equals(back)) {
            throw new IllegalStateException(codec + " did not round-trip " + value + ": got " + back);
        }
    }

    /** @return the decoded message, so that neither half is optimised away */
    @Benchmark
    public Object encodeDecode() {
        return candidate.decode(candidate.encode(value));
    }

    /**
     * Prints bytes per message for every candidate and message, checking each round trip; with
     * {@code cpu}, also the CPU time of one encode + decode: the median over 5 rounds of 20,000 round trips
     * (after 100,000 to warm up) of this thread's CPU time per round trip. CPU time, unlike JMH's wall
     * time, does not count the time the thread waits for a core, so a machine shared with other loads
     * still gives comparable figures (the loads still share its caches).
     *
     * @param args {@code cpu} to time as well
     */
    public static void main(String[] args) {
        boolean cpu = args.length > 0 && args[0].equals("cpu");
        List<String> candidates = List.of("otp4j", "jackson-cbor", "jackson-json", "kryo", "kryo-compatible", "fory");
        List<String> rows = new ArrayList<>();
        for (String name : candidates) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %-15s", name));
            Candidate c;
            try {
                c = create(name);
            } catch (RuntimeException e) {
                rows.add(row + " | set-up failed: " + e.getClass().getSimpleName() + ": " + e.getMessage() + " |");
                continue;
            }
            StringBuilder times = new StringBuilder();
            for (Object m : MESSAGES.values()) {
                try {
                    byte[] bytes = c.encode(m);
                    Object back = c.decode(bytes);
                    row.append(String.format(Locale.ROOT, " | %5s", m.equals(back) ? bytes.length : bytes.length + "!="));
                    if (cpu) {
                        times.append(String.format(Locale.ROOT, " | %,9.0f", cpuNanosPerRoundTrip(c, m)));
                    }
                } catch (RuntimeException e) {
                    row.append(" | failed: ").append(e.getClass().getSimpleName()).append(": ")
                            .append(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                    break;
                }
            }
            rows.add(row.append(times).append(" |").toString());
        }
        System.out.println("| candidate       | bytes: small | list | map" + (cpu ? " | CPU ns: small | list | map" : "") + " |");
        rows.forEach(System.out::println);
    }

    private static double cpuNanosPerRoundTrip(Candidate c, Object m) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int i = 0; i < 100_000; i++) {
            sink = c.decode(c.encode(m));
        }
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 20_000; i++) {
                sink = c.decode(c.encode(m));
            }
            rounds[r] = (threads.getCurrentThreadCpuTime() - t0) / 20_000.0;
        }
        if (!m.equals(sink)) {
            throw new IllegalStateException("round trip changed " + m);
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }
}
