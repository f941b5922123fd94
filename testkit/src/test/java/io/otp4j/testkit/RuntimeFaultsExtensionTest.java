package io.otp4j.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.RuntimeFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@link RuntimeFaultsExtension} fails a test during which the runtime reported a fault, and only that one. */
class RuntimeFaultsExtensionTest {

    /** Run by the engine test kit below, not by the suite itself (it is not a top-level test class). */
    @ExtendWith(RuntimeFaultsExtension.class)
    static class Sample {
        @Test
        void quiet() {}

        @Test
        void faulty() {
            RuntimeFault.report(new RuntimeFault("sample", ActorPath.root("sample").child("victim"),
                    new IllegalStateException("injected")));
        }
    }

    @Test
    @RuntimeFaultsExtension.FaultsExpected // the sample's fault is seen by this suite's own extension too
    void aTestDuringWhichTheRuntimeReportedAFaultFails() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .selectors(selectClass(Sample.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    }
}
