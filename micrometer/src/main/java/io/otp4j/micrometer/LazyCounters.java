package io.otp4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;

/**
 * One {@link LazyCounter} per constant of an enum, told apart by a tag whose value is the constant's name
 * in lower case ({@code decision=restart}). Lookup is an array index: cheap enough for overflow storms.
 *
 * @param <E> the enum
 */
final class LazyCounters<E extends Enum<E>> {

    private final LazyCounter[] counters;

    /**
     * @param registry where to register
     * @param keys the enum
     * @param name the meter's name
     * @param description the meter's description
     * @param tags the tags shared by every constant
     * @param tagKey the tag that tells the constants apart
     */
    LazyCounters(MeterRegistry registry, Class<E> keys, String name, String description, Tags tags, String tagKey) {
        E[] constants = keys.getEnumConstants();
        counters = new LazyCounter[constants.length];
        for (E key : constants) {
            counters[key.ordinal()] = new LazyCounter(registry, Counter.builder(name).description(description)
                    .tags(tags).tag(tagKey, key.name().toLowerCase(Locale.ROOT)));
        }
    }

    void increment(E key) {
        counters[key.ordinal()].increment();
    }

    void remove() {
        for (LazyCounter c : counters) {
            c.remove();
        }
    }
}
