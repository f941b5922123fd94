/**
 * Watching a running system: a {@link io.otp4j.monitor.Monitor} receives typed
 * {@link io.otp4j.monitor.MonitorEvent}s for actor lifecycles, message handling, supervisor decisions,
 * mailboxes, the broker and the system itself.
 *
 * <p>The default is {@link io.otp4j.monitor.Monitor#noop()}, which costs nothing: the runtime checks once, at
 * system start, whether a real monitor is installed, and builds no event otherwise. Per-message events
 * (received, processed, enqueued, dequeued, published, routed) are only built for a monitor that
 * {@linkplain io.otp4j.monitor.Monitor#tracesMessages() asks for them}. {@link io.otp4j.monitor.InMemoryMonitor}
 * counts and keeps a bounded history for tests and small applications; the {@code otp4j-micrometer} module
 * binds a monitor to Micrometer. Flight Recorder events and the live tree
 * ({@link io.otp4j.actor.ActorSystem#snapshot()}) need no monitor at all.
 *
 * <p>Event families: {@link io.otp4j.monitor.ActorEvent}, {@link io.otp4j.supervisor.SupervisorEvent},
 * {@link io.otp4j.monitor.MailboxEvent}, {@link io.otp4j.monitor.BrokerEvent} and
 * {@link io.otp4j.monitor.SystemEvent}; each event carries a timestamp, a {@link io.otp4j.monitor.Severity}
 * and the path of the actor (or topic, or system root) it is about.
 */
package io.otp4j.monitor;
