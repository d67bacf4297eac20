package org.threatledger.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.threatledger.match.IndicatorSetPropertyTest.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;

class MatcherTest {
    private static final int SNAPSHOTS = 50;

    /** Snapshot k holds k % 5 + 1 indicators on "evil.com", all in list k: a torn read would mix them. */
    private static IndicatorSet snapshot(int k) {
        List<IocEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add(entry("list-" + k, IocType.DOMAIN, "filler" + i + ".example", -1, false));
        }
        for (int i = 0; i <= k % 5; i++) {
            entries.add(entry("list-" + k, IocType.DOMAIN, "evil.com", -1, i % 2 == 0));
        }
        return IndicatorSet.compile(entries, List.of());
    }

    @Test
    void swapsWhileMatching_everyObservationIsMatchedAgainstOneWholeSnapshot() throws Exception {
        IndicatorSet[] sets = new IndicatorSet[SNAPSHOTS];
        for (int k = 0; k < SNAPSHOTS; k++) {
            sets[k] = snapshot(k);
        }
        Matcher matcher = new Matcher(sets[0]);
        AtomicBoolean done = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            for (int i = 1; !done.get(); i++) {
                matcher.swap(sets[i % SNAPSHOTS]);
            }
        });
        swapper.start();
        Observation hit = new Observation(ObservationType.DOMAIN, "a.evil.com", -1, 0, Where.DNS_QUERY, "s", "f", 1, null, null);
        Observation exact = new Observation(ObservationType.DOMAIN, "evil.com", -1, 0, Where.DNS_QUERY, "s", "f", 1, null, null);
        int[] hits = new int[1];
        int[] inconsistent = new int[1];
        List<String> seenLists = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000_000; i++) {
                Observation o = (i & 1) == 0 ? hit : exact;
                boolean sample = (i & 0xffff) == 0;
                matcher.match(o, h -> {
                    hits[0]++;
                    String list = h.set().indicator(h.indicators()[0]).listId();
                    int k = Integer.parseInt(list.substring(5));
                    int expected = o == exact ? k % 5 + 1 : (k % 5) / 2 + 1;
                    boolean oneList = h.refs().stream().allMatch(r -> r.listId().equals(list));
                    if (h.indicators().length != expected || !oneList) {
                        inconsistent[0]++;
                    }
                    if (sample) {
                        seenLists.add(list);
                    }
                });
            }
        } finally {
            done.set(true);
            swapper.join();
        }
        assertThat(hits[0]).as("no observation lost").isEqualTo(1_000_000);
        assertThat(inconsistent[0]).isZero();
        assertThat(seenLists.stream().distinct().count()).as("swaps happened during the run").isGreaterThan(1);
    }

    @Test
    void swap_returnsThePreviousSet() {
        IndicatorSet a = snapshot(0);
        IndicatorSet b = snapshot(1);
        Matcher matcher = new Matcher(a);
        assertThat(matcher.swap(b)).isSameAs(a);
        assertThat(matcher.current()).isSameAs(b);
    }
}
