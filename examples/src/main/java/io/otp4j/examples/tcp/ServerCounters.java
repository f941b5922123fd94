package io.otp4j.examples.tcp;

import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters, outside the actors so that no actor's stop or crash loses them.
 *
 * <p>Threads: every method may be called from any thread.
 */
final class ServerCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder echoed = new LongAdder();
    private final LongAdder crashed = new LongAdder();

    void accepted() {
        accepted.increment();
    }

    void closed() {
        closed.increment();
    }

    void echoed() {
        echoed.increment();
    }

    void crashed() {
        crashed.increment();
    }

    ServerStats snapshot() {
        long closedNow = closed.sum(); // read before accepted, so that open is never negative
        long acceptedNow = accepted.sum();
        return new ServerStats(acceptedNow, acceptedNow - closedNow, echoed.sum(), crashed.sum());
    }
}
