package io.otp4j.benchmarks.layout;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * Prints what one idle otp4j actor costs in memory, object by object: the objects that belong to one actor
 * that has handled one message, each class's instance size and field layout (JOL's {@link ClassLayout}),
 * and the total, to set beside the {@code memory} workload of the comparison (heap growth per actor over
 * 1,000,000 such actors).
 *
 * <p>The set is found by walking the heap graph, not by naming the runtime's internal classes, so it
 * follows the runtime's layout as it changes. A holder actor spawns a few children of one behaviour and
 * tells each one message, as the {@code memory} workload does. The target is the middle child's ref:
 * <ol>
 *   <li>shared: everything reachable from the {@link ActorSystem} and from the other children without
 *       passing through the target or its referrers (below): the system, the dispatcher, the parent, the
 *       behaviour's factory that all children share, ...;</li>
 *   <li>the actor's own objects: everything reachable from the target that is not shared;</li>
 *   <li>its referrers: objects outside that set, not arrays, that point straight at the target or one of
 *       its objects, such as the node of the parent's set of children: per-actor bookkeeping kept
 *       elsewhere, counted in the total; a slot in a shared array (a hash table's) is counted as one
 *       reference. The other children are not referrers: a link from a sibling is a field of the sibling,
 *       which every child has and the target's own size already counts.</li>
 * </ol>
 * The walk does not enter classes, class loaders or threads. Objects whose fields the JDK does not open to
 * reflection are counted but not entered; the program lists them, and names the {@code --add-opens} to add.
 *
 * <p>Run: {@code java --add-opens java.base/java.util=ALL-UNNAMED --add-opens
 * java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
 * --add-opens java.base/java.lang=ALL-UNNAMED -Djol.magicFieldOffset=true
 * -cp benchmarks/target/benchmarks.jar io.otp4j.benchmarks.layout.ActorLayout}
 */
public final class ActorLayout {

    private static final int CHILDREN = 3;
    private static final int TARGET = 1;

    private ActorLayout() {}

    record Hello(ActorRef<Object> replyTo) {}

    /** The children's behaviour: acknowledges its one message. */
    static final class Idle implements Actor<Hello> {
        @Override
        public void receive(Hello hello, ActorContext<Hello> ctx) {
            hello.replyTo().tell(Boolean.TRUE);
        }
    }

    /** Spawns the children, tells each one message, completes its future with them after all replied. */
    static final class Holder implements Actor<Object> {
        private final CompletableFuture<List<ActorRef<Hello>>> ready;
        private final List<ActorRef<Hello>> children = new ArrayList<>();
        private int acks;

        Holder(CompletableFuture<List<ActorRef<Hello>>> ready) {
            this.ready = ready;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            Hello hello = new Hello(ctx.self());
            for (int i = 0; i < CHILDREN; i++) {
                ActorRef<Hello> child = ctx.spawnAnonymous(Idle::new);
                children.add(child);
                child.tell(hello);
            }
        }

        @Override
        public void receive(Object ack, ActorContext<Object> ctx) {
            if (++acks == CHILDREN) {
                ready.complete(List.copyOf(children));
            }
        }
    }

    /**
     * @param args none
     * @throws Exception if the actors do not answer within a minute
     */
    public static void main(String[] args) throws Exception {
        try (ActorSystem system = ActorSystem.create("layout")) {
            CompletableFuture<List<ActorRef<Hello>>> ready = new CompletableFuture<>();
            system.spawn("holder", () -> new Holder(ready));
            List<ActorRef<Hello>> children = ready.get(1, TimeUnit.MINUTES);
            // the last acknowledgement is sent from inside the child's run; a second round trip through
            // every child ends after their first runs have returned, so each is idle when walked
            List<CompletableFuture<Object>> again = new ArrayList<>();
            for (ActorRef<Hello> child : children) {
                again.add(child.<Object>ask(Hello::new, java.time.Duration.ofMinutes(1)).toCompletableFuture());
            }
            for (CompletableFuture<Object> f : again) {
                f.get(1, TimeUnit.MINUTES);
            }
            print(system, children.get(TARGET), children);
        }
        System.exit(0);
    }

    private static void print(Object system, Object target, List<?> children) {
        Set<Object> barrier = identitySet();
        barrier.add(target);
        List<Object> sharedRoots = new ArrayList<>();
        sharedRoots.add(system);
        for (Object c : children) {
            if (c != target) {
                sharedRoots.add(c);
            }
        }
        Walk shared = walk(sharedRoots, barrier);
        Walk own = walk(List.of(target), shared.seen);
        // referrers: shared non-array objects that point into the actor's own set
        Map<Object, Boolean> referrers = new IdentityHashMap<>();
        Set<Object> siblings = identitySet();
        siblings.addAll(children);
        int arraySlots = 0;
        Set<String> slotArrays = new TreeSet<>();
        for (Object o : shared.seen) {
            // another child pointing at it (a sibling link) does so from its own fields, counted in its own size
            if (barrier.contains(o) || siblings.contains(o)) {
                continue;
            }
            for (Object ref : references(o, null)) {
                if (ref != null && own.seen.contains(ref)) {
                    if (o.getClass().isArray()) {
                        arraySlots++;
                        slotArrays.add(o.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(o) + "]");
                    } else {
                        referrers.put(o, Boolean.TRUE);
                    }
                }
            }
        }
        // walk again with the referrers as the actor's: what only they hold (a key, a name) is the actor's too
        barrier.addAll(referrers.keySet());
        shared = walk(sharedRoots, barrier);
        List<Object> ownRoots = new ArrayList<>();
        ownRoots.add(target);
        ownRoots.addAll(referrers.keySet());
        own = walk(ownRoots, shared.seen);

        VirtualMachine vm = VM.current();
        System.out.println("# Bytes per idle otp4j actor (one that has handled one message)");
        System.out.println();
        System.out.println(vm.details().trim());
        System.out.println();
        Map<Class<?>, long[]> byClass = new LinkedHashMap<>();
        List<Object> ordered = new ArrayList<>(own.order);
        for (Object o : ordered) {
            long[] cs = byClass.computeIfAbsent(o.getClass(), k -> new long[2]);
            cs[0]++;
            cs[1] += vm.sizeOf(o);
        }
        long total = 0;
        long objects = 0;
        System.out.println("| class | objects | bytes | held by |");
        System.out.println("|---|---:|---:|---|");
        for (var e : byClass.entrySet()) {
            boolean referrer = false;
            for (Object r : referrers.keySet()) {
                referrer |= r.getClass() == e.getKey();
            }
            System.out.printf("| `%s` | %d | %d | %s |%n", e.getKey().getName(), e.getValue()[0], e.getValue()[1],
                    referrer ? "its parent / registry (points at it)" : "the actor");
            total += e.getValue()[1];
            objects += e.getValue()[0];
        }
        long slotBytes = (long) arraySlots * vm.sizeOfField("java.lang.Object");
        if (arraySlots > 0) {
            System.out.printf("| slots in shared arrays (e.g. a hash table's) | %d | %d | shared arrays: %s |%n",
                    arraySlots, slotBytes, String.join(", ", slotArrays));
        }
        System.out.printf("| **total** | **%d** | **%d** | |%n", objects, total + slotBytes);
        System.out.println();
        if (!own.opaque.isEmpty() || !shared.opaque.isEmpty()) {
            Set<String> names = new TreeSet<>();
            own.opaque.forEach(c -> names.add(c.getName()));
            System.out.println("Not entered (fields not open to reflection; add --add-opens for their packages): "
                    + names);
            System.out.println();
        }
        System.out.println("## Field layouts");
        System.out.println();
        for (Class<?> c : byClass.keySet()) {
            if (c.isArray()) {
                Object exemplar = ordered.stream().filter(o -> o.getClass() == c).findFirst().orElseThrow();
                System.out.println(ClassLayout.parseInstance(exemplar).toPrintable());
            } else {
                System.out.println(ClassLayout.parseClass(c).toPrintable());
            }
        }
    }

    /** The objects reached, in the order first reached, and the classes not entered. */
    record Walk(Set<Object> seen, List<Object> order, Set<Class<?>> opaque) {}

    /** Breadth-first from the roots; never enters an object in {@code stop}, nor classes, loaders, threads. */
    private static Walk walk(List<Object> roots, Set<Object> stop) {
        Set<Object> seen = identitySet();
        List<Object> order = new ArrayList<>();
        Set<Class<?>> opaque = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> queue = new ArrayDeque<>();
        for (Object r : roots) {
            if (!stop.contains(r) && seen.add(r)) {
                queue.add(r);
                order.add(r);
            }
        }
        while (!queue.isEmpty()) {
            Object o = queue.poll();
            if (!enterable(o)) {
                continue;
            }
            for (Object ref : references(o, opaque)) {
                if (ref != null && !stop.contains(ref) && seen.add(ref)) {
                    order.add(ref);
                    queue.add(ref);
                }
            }
        }
        order.removeIf(o -> !enterable(o)); // classes, loaders and threads are nobody's actor
        seen.removeIf(o -> !enterable(o));
        return new Walk(seen, order, opaque);
    }

    private static boolean enterable(Object o) {
        return !(o instanceof Class<?> || o instanceof ClassLoader || o instanceof Thread
                || o instanceof java.lang.invoke.MethodHandle || o instanceof java.lang.invoke.MethodType);
    }

    private static final Map<Class<?>, List<Field>> FIELDS = new IdentityHashMap<>();

    /** The object's references: array elements, or instance fields of reference type. */
    private static List<Object> references(Object o, Set<Class<?>> opaque) {
        Class<?> c = o.getClass();
        List<Object> out = new ArrayList<>();
        if (c.isArray()) {
            if (!c.getComponentType().isPrimitive()) {
                for (int i = 0, n = Array.getLength(o); i < n; i++) {
                    out.add(Array.get(o, i));
                }
            }
            return out;
        }
        List<Field> fields = FIELDS.get(c);
        if (fields == null) {
            fields = new ArrayList<>();
            boolean closed = false;
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        fields.add(f);
                    } catch (InaccessibleObjectException | SecurityException e) {
                        closed = true;
                    }
                }
            }
            if (closed && opaque != null) {
                opaque.add(c);
            }
            fields.sort(Comparator.comparing(Field::getName));
            FIELDS.put(c, fields);
        }
        for (Field f : fields) {
            try {
                out.add(f.get(o));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
        }
        return out;
    }

    private static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
