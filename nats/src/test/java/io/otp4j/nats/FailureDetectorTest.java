package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure detector, on a clock the test moves: heartbeats, silence, new incarnations, goodbyes. */
class FailureDetectorTest {

    private static final long SECOND = 1_000_000_000L;
    private final FailureDetector detector = new FailureDetector(5 * SECOND);
    private final NodeAddress b1 = new NodeAddress("b", "1");
    private final NodeAddress b2 = new NodeAddress("b", "2");
    private final NodeAddress c = new NodeAddress("c", "1");

    @Test
    void nodeHeardWithinTheTimeoutStaysUp() {
        detector.heard(b1, 0);
        detector.heard(b1, 4 * SECOND);

        assertThat(detector.expired(9 * SECOND)).isEmpty();
        assertThat(detector.isDown(b1)).isFalse();
    }

    @Test
    void nodeSilentForLongerThanTheTimeoutIsDownOnce() {
        detector.heard(b1, 0);
        detector.heard(c, 3 * SECOND);

        assertThat(detector.expired(5 * SECOND + 1)).containsExactly(b1);
        assertThat(detector.expired(20 * SECOND)).containsExactly(c);
        assertThat(detector.isDown(b1)).isTrue();
    }

    @Test
    void downIsFinalEvenIfTheIncarnationIsHeardAgain() {
        detector.heard(b1, 0);
        detector.expired(6 * SECOND);

        assertThat(detector.heard(b1, 7 * SECOND)).isEmpty();
        assertThat(detector.isDown(b1)).isTrue();
        assertThat(detector.expect(b1, 7 * SECOND)).isFalse();
        assertThat(detector.expired(100 * SECOND)).isEmpty();
    }

    @Test
    void newIncarnationOfTheSameNameTakesTheOldOneDownAtOnce() {
        detector.heard(b1, 0);

        List<NodeAddress> superseded = detector.heard(b2, SECOND);

        assertThat(superseded).containsExactly(b1);
        assertThat(detector.isDown(b1)).isTrue();
        assertThat(detector.isDown(b2)).isFalse();
    }

    @Test
    void expectedNodeNeverHeardIsDownAfterTheTimeout() {
        assertThat(detector.expect(c, 0)).isTrue();

        assertThat(detector.expired(5 * SECOND)).isEmpty();
        assertThat(detector.expired(5 * SECOND + 1)).containsExactly(c);
    }

    @Test
    void expectingANodeDoesNotResetItsSilence() {
        detector.heard(b1, 0);
        detector.expect(b1, 4 * SECOND);

        assertThat(detector.expired(5 * SECOND + 1)).containsExactly(b1);
    }

    @Test
    void nodeThatLeftIsDownAndLeavesOnce() {
        detector.heard(b1, 0);

        assertThat(detector.left(b1)).isTrue();
        assertThat(detector.left(b1)).isFalse();
        assertThat(detector.expired(100 * SECOND)).isEmpty();
    }
}
