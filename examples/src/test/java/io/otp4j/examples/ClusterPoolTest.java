package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.otp4j.examples.distributed.ClusterPool;
import org.junit.jupiter.api.Test;

/**
 * Runs the distributed example against the NATS server {@code .ci/run} starts ({@code OTP4J_NATS_URL});
 * skipped where none is given (the otp4j-nats module's own tests start a server of their own).
 */
class ClusterPoolTest {

    @Test
    void poolSpansNodesAndTheWatcherHearsOfTheNodeThatLeft() {
        String url = System.getenv("OTP4J_NATS_URL");
        assumeTrue(url != null && !url.isBlank(), "OTP4J_NATS_URL names no NATS server");

        String out = MainRunner.run(args -> ClusterPool.main(new String[] {url}));

        assertThat(out).containsSubsequence("front: photo-1.jpg resized on worker-", "front: photo-6.jpg resized on worker-",
                "front: watching /user/resizer on worker-1; worker-1 leaves",
                "front: /user/resizer terminated: custom: NodeDown[node=worker-1#",
                "front: photo-7.jpg resized on worker-2, the worker left");
    }
}
