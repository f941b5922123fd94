package io.otp4j.internal;

import io.otp4j.timer.RuntimeTask;
import io.otp4j.timer.Cancellable;
import io.otp4j.timer.TimerScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An actor's timers. Each start bumps a generation number carried by the timer's messages; a message
 * whose timer is gone or has a newer generation is skipped when its turn comes, so cancel and replace
 * are exact even for messages already in the mailbox. Run only, except the scheduler callbacks, which
 * only enqueue.
 */
final class TimersImpl<M> implements TimerScheduler<M> {

    private enum Kind { SINGLE, FIXED_RATE, FIXED_DELAY }

    private record Timer(Object message, int generation, Kind kind, Duration delay, Cancellable handle) {}

    private final ActorCell<M> cell;
    private final Map<Object, Timer> timers = new HashMap<>(4);
    private int generation;

    TimersImpl(ActorCell<M> cell) {
        this.cell = cell;
    }

    @Override
    public void startSingleTimer(Object key, M message, Duration delay) {
        start(key, message, Kind.SINGLE, delay, delay);
    }

    @Override
    public void startTimerAtFixedRate(Object key, M message, Duration initialDelay, Duration period) {
        Objects.requireNonNull(initialDelay, "initialDelay must not be null");
        requirePositive(period, "period");
        start(key, message, Kind.FIXED_RATE, initialDelay, period);
    }

    @Override
    public void startTimerWithFixedDelay(Object key, M message, Duration delay) {
        requirePositive(delay, "delay");
        start(key, message, Kind.FIXED_DELAY, delay, delay);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timer period must be positive: " + d);
        }
    }

    private void start(Object key, M message, Kind kind, Duration first, Duration delay) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(first, "delay must not be null");
        cancel(key);
        int gen = ++generation;
        Envelope.TimerFire fire = new Envelope.TimerFire(key, gen, message);
        RuntimeTask task = () -> cell.enqueueInternal(fire);
        Cancellable handle = kind == Kind.FIXED_RATE
                ? cell.runtime().scheduler().scheduleAtFixedRate(first, delay, task)
                : cell.runtime().scheduler().scheduleOnce(first, task);
        timers.put(key, new Timer(message, gen, kind, delay, handle));
    }

    /** Called when a timer message's turn comes: true if it is still current and must be delivered. */
    boolean accept(Envelope.TimerFire fire) {
        Timer t = timers.get(fire.key);
        if (t == null || t.generation != fire.generation) {
            return false;
        }
        switch (t.kind) {
            case SINGLE -> timers.remove(fire.key);
            case FIXED_RATE -> { }
            case FIXED_DELAY -> {
                Cancellable next = cell.runtime().scheduler().scheduleOnce(t.delay,
                        (RuntimeTask) () -> cell.enqueueInternal(fire));
                timers.put(fire.key, new Timer(t.message, t.generation, t.kind, t.delay, next));
            }
        }
        return true;
    }

    @Override
    public boolean isTimerActive(Object key) {
        return timers.containsKey(key);
    }

    @Override
    public void cancel(Object key) {
        Timer t = timers.remove(key);
        if (t != null) {
            t.handle.cancel();
        }
    }

    @Override
    public void cancelAll() {
        for (Timer t : timers.values()) {
            t.handle.cancel();
        }
        timers.clear();
    }
}
