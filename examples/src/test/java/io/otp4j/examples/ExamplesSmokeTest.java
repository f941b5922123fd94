package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs each example's {@code main} as a user would and checks the lines that tell its story. */
class ExamplesSmokeTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void demoShowsTreeCrashRestartSameRefRestForOneAndOrderedShutdown() {
        String out = MainRunner.run(args -> Demo.main(new String[] {"--fast"}));
        Story story = new Story(out.lines().toList());

        assertThat(out).doesNotContain("\u001B["); // not a terminal: plain text

        // the tree: paths, strategies, restart types; children start before their supervisor, in spec order
        story.expect("started intake, packer, courier, orders, gateway, ledger, receipts, payments");
        story.expectTree("");

        // messages flow from station to station and back to main
        story.expect("order 1: 2 × coffee for ada");
        story.expect("intake", "(instance 1)", "accepted 2 × coffee", "→ gateway");
        story.expect("ledger", "(instance 1)", "booked €7.00 as entry 1", "→ receipts");
        story.expect("packer", "(instance 1)", "packed it in box 1", "→ courier");
        story.expect("courier", "(instance 1)", "handed it to a driver", "→ main");
        story.expect("main: order 1 delivered after 6 hops");
        story.expect("packer", "(instance 1)", "packed it in box 2");
        story.expect("main: order 2 delivered after 6 hops");

        // the crash, the supervisor's decision, the restart in place; the old ref keeps working
        story.expectExactly(
                "  main → packer: Crash(\"tape dispenser jammed\")",
                "  ✗ orders: packer crashed: java.lang.IllegalStateException: tape dispenser jammed",
                "  ↻ orders applies ONE_FOR_ONE: restart [packer]");
        story.expect("✓ orders: packer restarted in place, ref otp4j://demo/user/shop/orders/packer#");
        story.expect("main's ref from before the crash is the same: otp4j://demo/user/shop/orders/packer#");
        story.expect("order 3: 3 × tea for alan");
        story.expect("packer", "(instance 2)", "packed it in box 1"); // a fresh instance, fresh state
        story.expect("main: order 3 delivered after 6 hops");

        // REST_FOR_ONE: ledger and the younger receipts restart; the older gateway does not
        story.expectExactly(
                "  main → ledger: Crash(\"ledger file locked\")",
                "  ✗ payments: ledger crashed: java.lang.IllegalStateException: ledger file locked",
                "  ■ payments: stopped receipts (shutdown)",
                "  ↻ payments applies REST_FOR_ONE: restart [ledger, receipts]");
        story.expect("✓ payments: ledger restarted in place, ref otp4j://demo/user/shop/payments/ledger#");
        story.expect("✓ payments: receipts restarted in place, ref otp4j://demo/user/shop/payments/receipts#");
        story.expect("order 4: 1 × mug for edsger");
        story.expect("gateway", "(instance 1)", "charged €9.00");
        story.expect("ledger", "(instance 2)", "booked €9.00 as entry 1");
        story.expect("receipts", "(instance 2)", "mailed a receipt to edsger");
        story.expect("main: order 4 delivered after 6 hops");

        // the tree again: who restarted, and with the same ref
        story.expectTree("restarted 1×, same ref");

        // shutdown: every supervisor stops its children youngest first, then the root terminates
        story.expectExactly(
                "  ■ payments: stopped receipts (shutdown)",
                "  ■ payments: stopped ledger (shutdown)",
                "  ■ payments: stopped gateway (shutdown)",
                "  ■ shop: stopped payments (shutdown)",
                "  ■ orders: stopped courier (shutdown)",
                "  ■ orders: stopped packer (shutdown)",
                "  ■ orders: stopped intake (shutdown)",
                "  ■ shop: stopped orders (shutdown)",
                "  ■ /user/shop terminated (shutdown)",
                "",
                "bye");
        story.expectEnd();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void gettingStartedPrintsTheCount() {
        assertThat(MainRunner.run(GettingStarted::main)).contains("count = 55");
    }

    /** Reads the demo's output in order: each expectation must come after the previous one. */
    private static final class Story {
        private final List<String> lines;
        private int next;

        Story(List<String> lines) {
            this.lines = lines;
        }

        /** The next line that contains all {@code parts}, in any order, after the previous match. */
        void expect(String... parts) {
            for (int i = next; i < lines.size(); i++) {
                if (containsAll(lines.get(i), parts)) {
                    next = i + 1;
                    return;
                }
            }
            throw new AssertionError("no line with " + List.of(parts) + " after line " + next + " in:\n"
                    + String.join("\n", lines));
        }

        /** The next line is {@code first}, and the lines after it are {@code rest}, exactly. */
        void expectExactly(String first, String... rest) {
            expect(first);
            assertThat(lines.get(next - 1)).isEqualTo(first);
            for (String line : rest) {
                assertThat(next).as("output ended before " + line).isLessThan(lines.size());
                assertThat(lines.get(next++)).isEqualTo(line);
            }
        }

        /** The whole tree, rows in order; {@code restarted} is the note expected on packer, ledger and receipts. */
        void expectTree(String restarted) {
            expect("/user/shop", "supervisor ONE_FOR_ONE");
            row("├─ /user/shop/orders ", "supervisor ONE_FOR_ONE", "permanent", "");
            row("│  ├─ /user/shop/orders/intake ", "worker", "permanent", "");
            row("│  ├─ /user/shop/orders/packer ", "worker", "permanent", restarted);
            row("│  └─ /user/shop/orders/courier ", "worker", "transient", "");
            row("└─ /user/shop/payments ", "supervisor REST_FOR_ONE", "permanent", "");
            row("   ├─ /user/shop/payments/gateway ", "worker", "permanent", "");
            row("   ├─ /user/shop/payments/ledger ", "worker", "permanent", restarted);
            row("   └─ /user/shop/payments/receipts ", "worker", "permanent", restarted);
        }

        private void row(String branch, String kind, String restartType, String note) {
            assertThat(next).as("output ended before " + branch).isLessThan(lines.size());
            String row = lines.get(next++);
            assertThat(row).startsWith("  " + branch).contains(kind, restartType);
            if (note.isEmpty()) {
                assertThat(row).doesNotContain("restarted");
            } else {
                assertThat(row).endsWith(note);
            }
        }

        void expectEnd() {
            assertThat(lines.subList(next, lines.size())).as("lines after the end of the story").isEmpty();
        }

        private static boolean containsAll(String line, String... parts) {
            for (String part : parts) {
                if (!line.contains(part)) {
                    return false;
                }
            }
            return true;
        }
    }
}
