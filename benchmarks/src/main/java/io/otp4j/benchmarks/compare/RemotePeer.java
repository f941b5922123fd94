package io.otp4j.benchmarks.compare;

import java.io.IOException;

/**
 * The entry point of the peer JVM of the remote workloads: starts one runtime's node with the actors the
 * workloads talk to (a ponger, an echo and a counter), prints {@value #READY} and its address on one line,
 * and serves until its standard input closes.
 *
 * <p>Run by {@link PeerProcess}: {@code java -cp benchmarks.jar io.otp4j.benchmarks.compare.RemotePeer <runtime>}
 */
public final class RemotePeer {

    /** The prefix of the line that says the peer is ready; its address follows. */
    static final String READY = "READY ";

    private RemotePeer() {}

    /** A runtime's node in the peer JVM, with the workloads' actors started. */
    interface Node extends AutoCloseable {
        /** @return what the driver needs to reach the node, e.g. {@code pekko://peer@127.0.0.1:25520} */
        String address();
    }

    /**
     * @param args the runtime: {@code pekko} (Artery TCP), or {@code otp4j} and the NATS server's URL (otp4j-nats)
     * @throws IOException if reading standard input fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args[0].equals("otp4j") && args.length != 2) {
            System.err.println("usage: RemotePeer pekko | RemotePeer otp4j <nats-url>");
            System.exit(2);
        }
        Node node = switch (args[0]) {
            case "pekko" -> RemotePekko.startPeer();
            case "otp4j" -> RemoteOtp4j.startPeer(args[1]);
            default -> {
                System.err.println("no remote peer for runtime '" + args[0] + "' yet");
                System.exit(2);
                yield null;
            }
        };
        System.out.println(READY + node.address());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the driver closes our standard input (or dies)
        }
        try {
            node.close();
        } catch (Exception e) {
            e.printStackTrace();
        }
        System.exit(0);
    }
}
