package org.mptcpsim.net;

import java.util.Arrays;

/**
 * The packets in a reordering link direction, by arrival time at the far end (ties in the order
 * they were accepted): a binary heap over parallel arrays that grow only when more packets are in
 * the link than ever before, so nothing is allocated per packet.
 */
final class ArrivalHeap {
    private Packet[] pk = new Packet[64];
    private long[] key = new long[64];
    private long[] seq = new long[64];
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    Packet peek() {
        return pk[0];
    }

    long minKey() {
        return key[0];
    }

    /** Adds {@code p} keyed by its {@code arrivePs}. */
    void push(Packet p) {
        if (size == pk.length) {
            pk = Arrays.copyOf(pk, size * 2);
            key = Arrays.copyOf(key, size * 2);
            seq = Arrays.copyOf(seq, size * 2);
        }
        int i = size++;
        long k = p.arrivePs;
        long s = nextSeq++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(k, s, key[parent], seq[parent])) {
                break;
            }
            pk[i] = pk[parent];
            key[i] = key[parent];
            seq[i] = seq[parent];
            i = parent;
        }
        pk[i] = p;
        key[i] = k;
        seq[i] = s;
    }

    /** Removes and returns the earliest packet. */
    Packet pop() {
        Packet top = pk[0];
        size--;
        Packet p = pk[size];
        long k = key[size];
        long s = seq[size];
        pk[size] = null;
        if (size > 0) {
            siftDown(0, p, k, s);
        }
        return top;
    }

    /** Re-reads every key from its packet's {@code arrivePs} (after a re-timing) and restores the order. */
    void rebuild() {
        for (int i = 0; i < size; i++) {
            key[i] = pk[i].arrivePs;
        }
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, pk[i], key[i], seq[i]);
        }
    }

    /** Releases every packet to {@code pool}; returns how many there were. */
    int drain(PacketPool pool) {
        int n = size;
        for (int i = 0; i < size; i++) {
            pool.release(pk[i]);
            pk[i] = null;
        }
        size = 0;
        return n;
    }

    private void siftDown(int i, Packet p, long k, long s) {
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && less(key[c + 1], seq[c + 1], key[c], seq[c])) {
                c++;
            }
            if (!less(key[c], seq[c], k, s)) {
                break;
            }
            pk[i] = pk[c];
            key[i] = key[c];
            seq[i] = seq[c];
            i = c;
        }
        pk[i] = p;
        key[i] = k;
        seq[i] = s;
    }

    private static boolean less(long k1, long s1, long k2, long s2) {
        return k1 < k2 || (k1 == k2 && s1 < s2);
    }
}
