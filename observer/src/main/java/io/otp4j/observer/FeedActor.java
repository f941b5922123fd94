package io.otp4j.observer;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.DeadLetter;
import io.otp4j.supervisor.SupervisorEvent;

/**
 * Subscribed to the system's event stream for dead letters and supervision events; turns each into a
 * feed line. An actor, because the event stream delivers to actors: it shows in the tree as the
 * observer's own anonymous top-level actor.
 */
final class FeedActor implements Actor<Object> {

    /** Longer texts are cut: a feed line is for reading, and a huge message must not flood the page. */
    static final int MAX_TEXT = 500;

    private final EventHub hub;
    private final Runnable treeChanged;

    /**
     * @param hub where feed lines go
     * @param treeChanged called after each supervision event: a restart or stop changes the tree
     */
    FeedActor(EventHub hub, Runnable treeChanged) {
        this.hub = hub;
        this.treeChanged = treeChanged;
    }

    @Override
    public void receive(Object event, ActorContext<Object> ctx) {
        if (event instanceof DeadLetter dl) {
            hub.publishFeed("dead-letter", dl.recipient().path().toString(),
                    cut(dl.reason() + ": " + describe(dl.message())));
        } else if (event instanceof SupervisorEvent se) {
            hub.publishFeed("supervision", se.supervisor().path().toString(), cut(describe(se)));
            treeChanged.run();
        }
    }

    /** A message's own {@code toString} may throw or be huge; neither may stop the feed. */
    static String describe(Object o) {
        try {
            return String.valueOf(o);
        } catch (RuntimeException e) {
            return o.getClass().getName() + " (toString threw " + e.getClass().getName() + ")";
        }
    }

    static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
