package dev.fapiao.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

class CommitHistoryTest {

    @Test
    void ratesBetweenConsecutiveSamples() {
        CommitHistory h = new CommitHistory();
        h.record(0, 0);
        h.record(10_000, 50);
        h.record(20_000, 50);
        h.record(30_000, 80);
        ArrayNode s = h.series(30_000);
        assertEquals(3, s.size());
        assertEquals(10_000, s.get(0).path("end").asLong());
        assertEquals(5.0, s.get(0).path("perSecond").asDouble());
        assertEquals(0.0, s.get(1).path("perSecond").asDouble());
        assertEquals(3.0, s.get(2).path("perSecond").asDouble());
    }

    @Test
    void keepsOnlyTheLastHourAndWrapsAround() {
        CommitHistory h = new CommitHistory();
        for (int i = 0; i < 1000; i++) {
            h.record(i * 10_000L, i * 20L);
        }
        long now = 999 * 10_000L;
        ArrayNode s = h.series(now);
        // the ring holds 361 samples: 360 intervals, all within the hour before the newest
        assertEquals(360, s.size());
        assertEquals(now - 359 * 10_000L, s.get(0).path("end").asLong());
        assertEquals(now, s.get(359).path("end").asLong());
        for (var p : s) {
            assertEquals(2.0, p.path("perSecond").asDouble());
        }
        // an hour and more later, nothing is left to draw
        assertEquals(0, h.series(now + 3_600_001L).size());
    }

    @Test
    void aCounterThatGoesBackIsNotANegativeRate() {
        CommitHistory h = new CommitHistory();
        h.record(0, 100);
        h.record(10_000, 40);
        assertEquals(0.0, h.series(10_000).get(0).path("perSecond").asDouble());
    }
}
