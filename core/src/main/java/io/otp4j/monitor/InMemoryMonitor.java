package io.otp4j.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps counts per {@link EventKind} and per {@link Severity}, and the most recent events in a bounded ring,
 * for tests and small applications. Events below the minimum severity are ignored entirely. Thread-safe and
 * lock-free; a {@link #snapshot()} taken while events arrive is a consistent-enough view, not an atomic one.
 *
 * <pre>{@code
 * InMemoryMonitor monitor = InMemoryMonitor.create();
 * try (ActorSystem system = ActorSystem.create("app", ActorSystemSettings.defaults().with(monitor))) {
 *     ...
 * }
 * long crashes = monitor.count(EventKind.ACTOR_FAILED);
 * }</pre>
 */
public final class InMemoryMonitor implements Monitor {

    /** History size of {@link #create()}. */
    public static final int DEFAULT_HISTORY = 1024;

    private final Severity minimum;
    private final boolean tracesMessages;
    private final LongAdder[] byKind = adders(EventKind.values().length);
    private final LongAdder[] bySeverity = adders(Severity.values().length);
    private final AtomicReferenceArray<MonitorEvent> ring;
    private final AtomicLong written = new AtomicLong();

    private InMemoryMonitor(int historyCapacity, Severity minimum, boolean tracesMessages) {
        if (historyCapacity < 0) {
            throw new IllegalArgumentException("historyCapacity must not be negative: " + historyCapacity);
        }
        this.minimum = Objects.requireNonNull(minimum, "minimum");
        this.tracesMessages = tracesMessages;
        this.ring = new AtomicReferenceArray<>(historyCapacity);
    }

    /**
     * @return a monitor keeping the last {@value #DEFAULT_HISTORY} events of every severity, without
     *     per-message events (they cost several times a message's own cost; ask for them with
     *     {@link #create(int, Severity, boolean)})
     */
    public static InMemoryMonitor create() {
        return new InMemoryMonitor(DEFAULT_HISTORY, Severity.TRACE, false);
    }

    /**
     * @param historyCapacity how many recent events to keep (0: counts only)
     * @param minimum events below this severity are ignored
     * @param tracesMessages whether to ask the runtime for per-message events
     * @return a configured monitor
     */
    public static InMemoryMonitor create(int historyCapacity, Severity minimum, boolean tracesMessages) {
        return new InMemoryMonitor(historyCapacity, minimum, tracesMessages);
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] out = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            out[i] = new LongAdder();
        }
        return out;
    }

    @Override
    public void onEvent(MonitorEvent event) {
        Severity severity = event.severity();
        if (!severity.isAtLeast(minimum)) {
            return;
        }
        byKind[event.kind().ordinal()].increment();
        bySeverity[severity.ordinal()].increment();
        int capacity = ring.length();
        if (capacity > 0) {
            long slot = written.getAndIncrement();
            ring.set((int) (slot % capacity), event);
        }
    }

    @Override
    public boolean tracesMessages() {
        return tracesMessages;
    }

    /**
     * @param kind an event kind
     * @return how many events of that kind were recorded since creation or the last {@link #reset()}
     */
    public long count(EventKind kind) {
        return byKind[kind.ordinal()].sum();
    }

    /**
     * @param severity a severity
     * @return how many events of exactly that severity were recorded
     */
    public long count(Severity severity) {
        return bySeverity[severity.ordinal()].sum();
    }

    /**
     * @return the kept events, oldest first; read while events arrive, it may miss or repeat one at the edge
     *     of the ring
     */
    public List<MonitorEvent> history() {
        int capacity = ring.length();
        long end = written.get();
        long start = Math.max(0, end - capacity);
        List<MonitorEvent> out = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            MonitorEvent e = ring.get((int) (i % capacity));
            if (e != null) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @param type an event record or family, e.g. {@code SupervisorEvent.ChildStarted.class}
     * @param <T> its type
     * @return the kept events of that type, oldest first
     */
    public <T extends MonitorEvent> List<T> history(Class<T> type) {
        return history().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** @return the counts and the history as of now */
    public Snapshot snapshot() {
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        for (EventKind k : EventKind.values()) {
            long n = count(k);
            if (n > 0) {
                kinds.put(k, n);
            }
        }
        Map<Severity, Long> severities = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            long n = count(s);
            if (n > 0) {
                severities.put(s, n);
            }
        }
        return new Snapshot(kinds, severities, history());
    }

    /** Clears the counts and the history; events arriving meanwhile may be half counted. */
    public void reset() {
        for (LongAdder a : byKind) {
            a.reset();
        }
        for (LongAdder a : bySeverity) {
            a.reset();
        }
        for (int i = 0; i < ring.length(); i++) {
            ring.set(i, null);
        }
        written.set(0);
    }

    @Override
    public String toString() {
        return "InMemoryMonitor[min=" + minimum + ", history=" + ring.length() + "]";
    }

    /**
     * What an {@link InMemoryMonitor} has seen.
     *
     * @param countsByKind non-zero counts per kind
     * @param countsBySeverity non-zero counts per severity
     * @param history the kept events, oldest first
     */
    public record Snapshot(Map<EventKind, Long> countsByKind, Map<Severity, Long> countsBySeverity,
                           List<MonitorEvent> history) {
        /** Copies the collections. */
        public Snapshot {
            countsByKind = Collections.unmodifiableMap(new EnumMap<>(countsByKind.isEmpty()
                    ? new EnumMap<>(EventKind.class) : countsByKind));
            countsBySeverity = Collections.unmodifiableMap(new EnumMap<>(countsBySeverity.isEmpty()
                    ? new EnumMap<>(Severity.class) : countsBySeverity));
            history = List.copyOf(history);
        }

        /** @return the total number of events counted */
        public long total() {
            return countsBySeverity.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
