package io.otp4j.nats;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Signal;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.nats.Protocol.WatcherMsg;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A node in a process of its own, driven by the tests through stdin and reporting on stdout, one line each.
 *
 * <pre>
 * started:  READY name.incarnation
 * stdin:    watch NODE NAME        its watcher watches the actor NODE exposes as NAME   → WATCHING NAME
 *           link NODE NAME         its watcher (trapping exits) links to it, then a lookup on that node
 *                                  answers (its frames come in order: that node has had the link)
 *                                                                                        → LINKED NAME
 *           trap                   its watcher traps exits                               → TRAPPING
 *           ask NODE NAME TEXT     asks that echo for TEXT                               → REPLY TEXT | FAILED Exception
 *           join GROUP             its echo joins the cluster-wide group GROUP           → JOINED GROUP
 *           durable NAME HOLD      spawns a durable mailbox NAME of {@code Numbered} (ack wait 1 s) that reports
 *                                  each message; at number HOLD (0: never) it holds for ever, unacknowledged
 *                                                                                        → DURABLE NAME
 *           quit                   leaves and exits
 * signals:  SIGNAL Terminated|Exit PATH REASON   for every signal its watcher gets
 * durable:  HANDLED ID N (each message handled) | HOLDING ID N (the held one)
 * </pre>
 * It exposes an echo actor as {@code echo} and its watcher as {@code watcher}, and registers it in the cluster registry as
 * {@code echo-NAME-INCARNATION}.
 */
public final class NodeMain {

    private NodeMain() {}

    /**
     * @param args the NATS URL and the node's name
     * @throws Exception if stdin fails
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String name = args[1];
        ActorSystem system = ActorSystem.create(name);
        NatsNode node = NatsNode.join(system, Protocol.settings(name, url));
        ActorRef<EchoMsg> echo = system.spawn("echo", Protocol.Echo::new);
        node.expose("echo", echo);
        node.registry().register(io.otp4j.registry.ServiceKey.of("echo-" + node.address().name() + "-"
                + node.address().incarnation(), EchoMsg.class), echo);
        ActorRef<WatcherMsg> watcher = system.spawn("watcher", () -> new Protocol.Watcher(NodeMain::report));
        node.expose("watcher", watcher);
        say("READY " + node.address().name() + "." + node.address().incarnation());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "watch" -> {
                    watcher.tell(new Protocol.WatchIt(lookup(node, words[1], words[2])));
                    say("WATCHING " + words[2]);
                }
                case "link" -> {
                    watcher.tell(new Protocol.TrapExits());
                    watcher.tell(new Protocol.LinkIt(lookup(node, words[1], words[2])));
                    sync(watcher);
                    lookup(node, words[1], words[2]);
                    say("LINKED " + words[2]);
                }
                case "trap" -> {
                    watcher.tell(new Protocol.TrapExits());
                    sync(watcher);
                    say("TRAPPING");
                }
                case "ask" -> {
                    ActorRef<EchoMsg> target = lookup(node, words[1], words[2]);
                    try {
                        Pong pong = target.<Pong>ask(replyTo -> new Ping(words[3], replyTo), Duration.ofSeconds(30))
                                .toCompletableFuture().join();
                        say("REPLY " + pong.text());
                    } catch (RuntimeException e) {
                        say("FAILED " + (e.getCause() != null ? e.getCause() : e).getClass().getSimpleName());
                    }
                }
                case "join" -> {
                    node.groups().join(io.otp4j.registry.GroupKey.of(words[1], EchoMsg.class), echo);
                    say("JOINED " + words[1]);
                }
                case "durable" -> {
                    int holdAt = Integer.parseInt(words[2]);
                    node.<Protocol.Numbered>spawnDurable(words[1], () -> new Protocol.DurableReporter(holdAt,
                            NodeMain::say), Protocol.durableMailbox());
                    say("DURABLE " + words[1]);
                }
                case "quit" -> {
                    node.close();
                    system.close();
                    return;
                }
                default -> say("UNKNOWN " + line);
            }
        }
    }

    private static <M> ActorRef<M> lookup(NatsNode node, String nodeName, String name) {
        return node.<M>lookup(nodeName, name, Duration.ofSeconds(30)).toCompletableFuture().join();
    }

    /** Returns once the watcher has handled every command told to it before. */
    private static void sync(ActorRef<WatcherMsg> watcher) {
        watcher.<Boolean>ask(Protocol.Sync::new, Duration.ofSeconds(30)).toCompletableFuture().join();
    }

    private static void report(Signal signal) {
        switch (signal) {
            case Signal.Terminated(var ref, var reason) -> say("SIGNAL Terminated " + ref.path() + " "
                    + Protocol.describe(reason));
            case Signal.Exit(var from, var reason) -> say("SIGNAL Exit " + from.path() + " " + Protocol.describe(reason));
        }
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
