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

    /**
     * Callbacks that re-arm themselves (later or at the same instant), schedule, move and cancel other events, and
     * cancel or cancel-then-re-arm themselves run in the order of a plain reference model: the pending set sorted by
     * (time, order of the last schedule call). The loop keeps the running event in the root slot until it returns
     * (a re-arm is one sift-down), and this checks that the shortcut never changes the order, and that the running
     * event is not pending during its own callback.
     */
    @Test
    void eventsThatReArmOrCancelFromTheirCallbacksRunInTheReferenceOrder() {
        int n = 64;
        EventLoop loop = new EventLoop();
        List<String> log = new ArrayList<>();
        List<Event> evs = new ArrayList<>();
        SplittableRandom real = new SplittableRandom(11);
        int[] reArms = new int[1];
        int[] selfCancels = new int[1];
        for (int i = 0; i < n; i++) {
            int id = i;
            evs.add(new Event() {
                @Override
                protected void onEvent(long now) {
                    assertFalse(isScheduled(), "the running event is not pending");
                    log.add(id + "@" + now);
                    act(real, id, now, (e, t) -> {
                        reArms[0] += e == id ? 1 : 0;
                        loop.schedule(evs.get(e), t);
                    }, e -> {
                        selfCancels[0] += e == id ? 1 : 0;
                        loop.cancel(evs.get(e));
                    });
                }
            });
        }
        for (int i = 0; i < n; i++) {
            loop.schedule(evs.get(i), i * 3L);
        }
        loop.run(5_000, 20_000);

        // the reference: pending (id -> {time, seq}), run by taking the least key
        List<String> want = new ArrayList<>();
        java.util.Map<Integer, long[]> pending = new java.util.HashMap<>();
        long[] seq = {0};
        for (int i = 0; i < n; i++) {
            pending.put(i, new long[] {i * 3L, seq[0]++});
        }
        SplittableRandom ref = new SplittableRandom(11);
        for (int step = 0; step < 20_000 && !pending.isEmpty(); step++) {
            int id = pending.entrySet().stream().min((a, b) -> a.getValue()[0] != b.getValue()[0]
                    ? Long.compare(a.getValue()[0], b.getValue()[0]) : Long.compare(a.getValue()[1], b.getValue()[1])).orElseThrow().getKey();
            long now = pending.remove(id)[0];
            if (now > 5_000) {
                break;
            }
            want.add(id + "@" + now);
            act(ref, id, now, (e, t) -> pending.put(e, new long[] {t, seq[0]++}), e -> pending.remove(e));
        }
        // both shortcuts of the running event were taken: a re-arm from the root slot, and a cancel of itself
        assertTrue(reArms[0] > 0 && selfCancels[0] > 0, reArms[0] + " re-arms, " + selfCancels[0] + " self-cancels");
        assertEquals(want, log);
    }

    /** A callback's random actions: re-arm itself (often), schedule or cancel others, cancel itself (then maybe re-arm). */
    private static void act(SplittableRandom r, int self, long now, java.util.function.ObjLongConsumer<Integer> schedule,
                            java.util.function.IntConsumer cancel) {
        int k = 1 + r.nextInt(3);
        for (int j = 0; j < k; j++) {
            int what = r.nextInt(10);
            int other = r.nextInt(64);
            if (what < 5) {
                schedule.accept(self, now + r.nextInt(3) * r.nextInt(20));   // often the same instant or soon
            } else if (what < 8) {
                schedule.accept(other, now + r.nextInt(50));
            } else if (what == 8) {
                cancel.accept(other);
            } else {
                cancel.accept(self);
            }
        }
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
