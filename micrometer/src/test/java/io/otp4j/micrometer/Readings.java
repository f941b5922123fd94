package io.otp4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.OptionalDouble;

/** Reads a registry the way a dashboard would: sums over every series that matches the tags given. */
record Readings(MeterRegistry registry) {

    /** @return the sum of the matching counters; 0 if there are none */
    double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** @return the number of matching meters (series) */
    int series(String name, String... tags) {
        return registry.find(name).tags(tags).meters().size();
    }

    /** @return the matching timers' total count */
    long timerCount(String name, String... tags) {
        return registry.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
    }

    /** @return the value of the one matching gauge; empty if there is none */
    OptionalDouble gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        return g == null ? OptionalDouble.empty() : OptionalDouble.of(g.value());
    }

    /** @return every meter tagged with that path */
    List<Meter> taggedWithPath(String path) {
        return registry.getMeters().stream().filter(m -> path.equals(m.getId().getTag(MeterNames.PATH))).toList();
    }
}
