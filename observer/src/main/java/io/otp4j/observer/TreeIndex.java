package io.otp4j.observer;

import io.otp4j.introspect.ActorSnapshot;
import io.otp4j.introspect.SystemSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One snapshot, indexed for the page: children by parent path (paged), and search by path. Built once per
 * sample off the request threads, then shared read-only by every request until the next sample.
 *
 * <p>The pseudo-path {@value #ROOT} stands for the guardian, whose children are the top-level actors.
 */
final class TreeIndex {

    static final String ROOT = "/user";

    /** An actor with what the page shows beside it: its supervisor's strategy, if its parent is one. */
    record Entry(ActorSnapshot actor, Optional<ActorSnapshot.Supervision> supervisedBy) {}

    /** A page of children, or of search results. */
    record Page(int total, int offset, List<Entry> entries) {}

    private final SystemSnapshot snapshot;
    private final Map<String, Entry> byPath;
    private final List<Entry> depthFirst;
    private final List<String> lowerCasePaths;

    private TreeIndex(SystemSnapshot snapshot) {
        this.snapshot = snapshot;
        this.byPath = HashMap.newHashMap(snapshot.actorCount());
        this.depthFirst = new ArrayList<>(snapshot.actorCount());
        this.lowerCasePaths = new ArrayList<>(snapshot.actorCount());
        for (ActorSnapshot top : snapshot.topLevel()) {
            add(top, Optional.empty());
        }
    }

    static TreeIndex of(SystemSnapshot snapshot) {
        return new TreeIndex(snapshot);
    }

    private void add(ActorSnapshot actor, Optional<ActorSnapshot.Supervision> supervisedBy) {
        // iterative over siblings, recursive over depth: trees are wide, rarely deep
        Entry entry = new Entry(actor, supervisedBy);
        String path = actor.path().toString();
        byPath.put(path, entry);
        depthFirst.add(entry);
        lowerCasePaths.add(path.toLowerCase(Locale.ROOT));
        for (ActorSnapshot child : actor.children()) {
            add(child, actor.supervision());
        }
    }

    SystemSnapshot snapshot() {
        return snapshot;
    }

    int actorCount() {
        return depthFirst.size();
    }

    Optional<Entry> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /**
     * @return the children of {@code path} from {@code offset}, at most {@code limit}; empty if the path
     *     is unknown (the actor has gone)
     */
    Optional<Page> children(String path, int offset, int limit) {
        List<ActorSnapshot> kids;
        Optional<ActorSnapshot.Supervision> parentSupervision;
        if (ROOT.equals(path)) {
            kids = snapshot.topLevel();
            parentSupervision = Optional.empty();
        } else {
            Entry parent = byPath.get(path);
            if (parent == null) {
                return Optional.empty();
            }
            kids = parent.actor().children();
            parentSupervision = parent.actor().supervision();
        }
        int from = Math.min(offset, kids.size());
        int to = Math.min(kids.size(), from + limit);
        List<Entry> page = new ArrayList<>(to - from);
        for (ActorSnapshot k : kids.subList(from, to)) {
            page.add(new Entry(k, parentSupervision));
        }
        return Optional.of(new Page(kids.size(), from, page));
    }

    /**
     * @param query a case-insensitive part of a path; blank matches nothing
     * @return the matches in tree order (parents before children), at most {@code limit}, with the total
     */
    Page search(String query, int limit) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return new Page(0, 0, List.of());
        }
        List<Entry> found = new ArrayList<>(Math.min(limit, 64));
        int total = 0;
        for (int i = 0; i < lowerCasePaths.size(); i++) {
            if (lowerCasePaths.get(i).contains(q)) {
                if (found.size() < limit) {
                    found.add(depthFirst.get(i));
                }
                total++;
            }
        }
        return new Page(total, 0, found);
    }

    /** @return every actor's handled messages, summed (for the messages-per-second chart) */
    long processedTotal() {
        long sum = 0;
        for (Entry e : depthFirst) {
            sum += e.actor().processedCount();
        }
        return sum;
    }

    /** @return every actor's restarts, summed */
    long restartTotal() {
        long sum = 0;
        for (Entry e : depthFirst) {
            sum += e.actor().restartCount();
        }
        return sum;
    }
}
