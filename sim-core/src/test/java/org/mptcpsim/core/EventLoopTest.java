package org.mptcpsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class EventLoopTest {
    private static final class Rec extends Event {
        final List<String> log;
        final String name;

        Rec(List<String> log, String name) {
            this.log = log;
            this.name = name;
        }

        @Override
        protected void onEvent(long now) {
            log.add(name + "@" + now);
        }
    }

    @Test
    void ordersByTimeThenInsertion() {
        EventLoop loop = new EventLoop();
        List<String> log = new ArrayList<>();
        loop.schedule(new Rec(log, "c"), 5);
        loop.schedule(new Rec(log, "a"), 3);
        loop.schedule(new Rec(log, "b"), 3); // same time as a, scheduled later: runs after a
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of("a@3", "b@3", "c@5"), log);
    }

    @Test
    void rescheduleMovesAndCancelRemoves() {
        EventLoop loop = new EventLoop();
        List<String> log = new ArrayList<>();
        Rec a = new Rec(log, "a");
        Rec b = new Rec(log, "b");
        loop.schedule(a, 10);
        loop.schedule(b, 20);
        loop.schedule(a, 30); // moved after b
        loop.cancel(b);
        assertFalse(b.isScheduled());
        loop.run(Long.MAX_VALUE);
        assertEquals(List.of("a@30"), log);
        assertEquals(1, loop.executedEvents());
    }

    @Test
    void refusesThePast() {
        EventLoop loop = new EventLoop();
        loop.run(100);
        assertThrows(IllegalArgumentException.class, () -> loop.schedule(new Rec(new ArrayList<>(), "x"), 99));
    }

    @Test
    void heapMatchesASortedReferenceUnderRandomScheduleAndCancel() {
        // invariant check after a random mix: execution order equals sorting by (time, last schedule seq)
        EventLoop loop = new EventLoop();
        List<String> log = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(7);
        List<Rec> evs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            evs.add(new Rec(log, Integer.toString(i)));
        }
        long[] time = new long[500];
        long[] seq = new long[500];
        boolean[] live = new boolean[500];
        long s = 0;
        for (int step = 0; step < 3000; step++) {
            int i = r.nextInt(500);
            if (r.nextInt(4) == 0) {
                loop.cancel(evs.get(i));
                live[i] = false;
            } else {
                time[i] = r.nextInt(1000);
                seq[i] = s++;
                live[i] = true;
                loop.schedule(evs.get(i), time[i]);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            if (live[i]) {
                expected.add(i);
            }
        }
        expected.sort((x, y) -> time[x] != time[y] ? Long.compare(time[x], time[y]) : Long.compare(seq[x], seq[y]));
        loop.run(Long.MAX_VALUE);
        List<String> want = expected.stream().map(i -> i + "@" + time[i]).toList();
        assertEquals(want, log);
    }

    @Test
    void runsInSuccessiveWindowsAndWithAnEventBudget() {
        EventLoop loop = new EventLoop();
        List<String> log = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            loop.schedule(new Rec(log, "e" + i), i * 10);
        }
        loop.run(15);
        loop.run(25); // a second window continues where the first stopped
        assertEquals(List.of("e1@10", "e2@20"), log);
        assertEquals(25, loop.nowPs());
        loop.run(Long.MAX_VALUE, 2); // the budget stops after two events, the clock stays at the last one
        assertEquals(List.of("e1@10", "e2@20", "e3@30", "e4@40"), log);
        assertEquals(40, loop.nowPs());
    }

    @Test
    void aTimerReschedulingItselfAtTheSameInstantIsRefusedAndNamed() {
        EventLoop loop = new EventLoop();
        Event spin = new Event() {
            @Override
            protected void onEvent(long now) {
                loop.schedule(this, now); // a period of 0
            }

            @Override
            public String describe() {
                return "the spinning timer";
            }
        };
        loop.schedule(spin, 7);
        SimulationStalledException e = assertThrows(SimulationStalledException.class, () -> loop.run(100));
        assertEquals(7, e.timePs());
        assertEquals("the spinning timer", e.component());
        // the limit, plus the first (legitimate) rescheduling
        assertEquals(EventLoop.SELF_RESCHEDULE_LIMIT + 1, loop.executedEvents());
    }

    @Test
    void eventsThatNeverAdvanceTheClockEndTheRun() {
        EventLoop loop = new EventLoop();
        loop.setStallLimit(1000);
        Event[] pair = new Event[2];
        for (int i = 0; i < 2; i++) {
            int other = 1 - i;
            pair[i] = new Event() {
                @Override
                protected void onEvent(long now) {
                    loop.schedule(pair[other], now); // ping-pong: neither reschedules itself
                }
            };
        }
        loop.schedule(pair[0], 3);
        SimulationStalledException e = assertThrows(SimulationStalledException.class, () -> loop.run(100));
        assertEquals(3, e.timePs());
        assertTrue(e.getMessage().contains("no event advanced the clock for 1001 events"), e.getMessage());
    }

    @Test
    void manyEventsAtOneInstantThatThenAdvanceAreFine() {
        EventLoop loop = new EventLoop();
        loop.setStallLimit(1000);
        List<String> log = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < 900; i++) {
                loop.schedule(new Rec(log, "x"), t);
            }
        }
        loop.run(10);
        assertEquals(4500, log.size());
    }
}
