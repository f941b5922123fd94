/**
 * otp4j core: an Erlang/OTP-style actor runtime. Exports the API packages only; the implementation in
 * {@code io.otp4j.internal} stays encapsulated, exported to the testkit alone.
 */
@SuppressWarnings("module") // the qualified export names io.otp4j.testkit, which is built after core
module io.otp4j.core {
    requires org.jctools.core;
    requires transitive org.slf4j;
    requires static jdk.jfr; // optional: without it, no flight-recorder events (see internal.FlightRecorder)

    uses io.otp4j.actor.ActorSystemProvider;
    uses io.otp4j.dispatch.DispatcherProvider;
    provides io.otp4j.actor.ActorSystemProvider with io.otp4j.internal.RuntimeProvider;
    provides io.otp4j.dispatch.DispatcherProvider with io.otp4j.internal.RuntimeProvider;

    exports io.otp4j.actor;
    exports io.otp4j.broker;
    exports io.otp4j.dispatch;
    exports io.otp4j.mailbox;
    exports io.otp4j.monitor;
    exports io.otp4j.registry;
    exports io.otp4j.router;
    exports io.otp4j.supervisor;
    exports io.otp4j.timer;

    // the testkit's probes and fault injector hook into the runtime; nobody else reaches the implementation
    exports io.otp4j.internal to io.otp4j.testkit;
}
