/**
 * otp4j's observer: a live web view of a running actor system, started with
 * {@link io.otp4j.observer.Observer#start}. The public API is {@link io.otp4j.observer.Observer} and
 * {@link io.otp4j.observer.ObserverSettings}; everything else (the HTTP routes, the sampler, the event
 * stream to the page) is package-private. The page itself is three static files under
 * {@code io/otp4j/observer/web/} in the jar. See docs/how-to/observer.md.
 */
package io.otp4j.observer;
