package io.otp4j.observer;

import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.SystemSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One snapshot, read the ways the page needs: children by parent path (paged), search by path, totals for
 * the charts. Shared read-only by every request until the next snapshot replaces it.
 *
 * <p>Nothing is indexed up front: building a map of 100 k paths cost more per sample than the few lookups
 * a page makes between samples. A lookup walks down the path's elements (a linear scan of each level's
 * children), and a search walks the whole tree once, building each path from its parent's.
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

    private TreeIndex(SystemSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    static TreeIndex of(SystemSnapshot snapshot) {
        return new TreeIndex(snapshot);
    }

    SystemSnapshot snapshot() {
        return snapshot;
    }

    int actorCount() {
        return snapshot.actorCount();
    }

    /** @return the actor at {@code path} (e.g. {@code /user/shop/worker-1}) with its supervisor's strategy */
    Optional<Entry> find(String path) {
        if (!path.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        List<ActorSnapshot> level = snapshot.topLevel();
        ActorSnapshot parent = null;
        ActorSnapshot found = null;
        for (String name : path.substring(ROOT.length() + 1).split("/", -1)) {
            parent = found;
            found = named(level, name);
            if (found == null) {
                return Optional.empty();
            }
            level = found.children();
        }
        return Optional.of(new Entry(found, parent == null ? Optional.empty() : parent.supervision()));
    }

    private static ActorSnapshot named(List<ActorSnapshot> level, String name) {
        for (ActorSnapshot a : level) {
            if (a.path().name().equals(name)) {
                return a;
            }
        }
        return null;
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
            Optional<Entry> parent = find(path);
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            kids = parent.get().actor().children();
            parentSupervision = parent.get().actor().supervision();
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
        String q = query.strip();
        if (q.isEmpty()) {
            return new Page(0, 0, List.of());
        }
        Search search = new Search(q, limit);
        search.walk(snapshot.topLevel(), new StringBuilder(ROOT.toLowerCase(Locale.ROOT)), Optional.empty());
        return new Page(search.total, 0, search.found);
    }

    /**
     * One search: a depth-first walk that extends one lower-cased path buffer instead of building every
     * path.
     */
    private static final class Search {
        final String query;
        final int limit;
        final List<Entry> found = new ArrayList<>();
        int total;

        Search(String query, int limit) {
            this.query = query.toLowerCase(Locale.ROOT);
            this.limit = limit;
        }

        void walk(List<ActorSnapshot> level, StringBuilder path, Optional<ActorSnapshot.Supervision> above) {
            int length = path.length();
            for (ActorSnapshot a : level) {
                path.setLength(length);
                path.append('/').append(a.path().name().toLowerCase(Locale.ROOT));
                if (path.indexOf(query) >= 0) {
                    if (found.size() < limit) {
                        found.add(new Entry(a, above));
                    }
                    total++;
                }
                if (!a.children().isEmpty()) {
                    walk(a.children(), path, a.supervision());
                }
            }
            path.setLength(length);
        }
    }

    /** @return every actor's handled messages, summed (for the messages-per-second chart) */
    long processedTotal() {
        return snapshot.actors().mapToLong(ActorSnapshot::processedCount).sum();
    }

    /** @return every actor's restarts, summed */
    long restartTotal() {
        return snapshot.actors().mapToLong(ActorSnapshot::restartCount).sum();
    }
}
