package org.mptcpsim.tcp;

/**
 * Test fixture: Reno ({@link TestReno}) that counts how often the engine raises one CA event
 * through {@code cwnd_event} (include/net/tcp.h, tcp_ca_event). Shared by the tests that check
 * when the engine raises an event.
 */
final class EventCountingReno implements CongestionControl {
    private final TestReno reno = new TestReno();
    private final String name;
    private final int counted;
    /** How many times {@code cwndEvent} saw the counted event. */
    int count;

    /** Counts {@code event} (a {@link CaEvent} constant); {@code name} is what {@link #name()} reports. */
    EventCountingReno(String name, int event) {
        this.name = name;
        this.counted = event;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int ssthresh(TcpSock sk) {
        return reno.ssthresh(sk);
    }

    @Override
    public void congAvoid(TcpSock sk, int ack, int acked) {
        reno.congAvoid(sk, ack, acked);
    }

    @Override
    public void cwndEvent(TcpSock sk, int event) {
        if (event == counted) {
            count++;
        }
    }
}
