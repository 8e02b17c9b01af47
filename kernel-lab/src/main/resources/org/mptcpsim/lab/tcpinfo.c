/* tcpinfo: samples struct tcp_info of the lab's TCP sockets through sock_diag (inet_diag), for kernels
 * without the tcp:tcp_probe tracepoint (e.g. Debian's User-Mode Linux, built without FTRACE). Part of
 * mptcp-sim kernel-lab; compiled on first use with gcc.
 *
 * usage: tcpinfo PORT_LO PORT_HI INTERVAL_US   -- runs until SIGTERM, one line per socket and sample
 *        tcpinfo mark TEXT                      -- prints one marker line on the same clock
 * Every line starts with the CLOCK_MONOTONIC time in the layout of a trace_pipe line, so the lab's trace
 * parser reads both files alike:
 *   " 12.345678: tcp_info: src=A:P dest=B:P snd_cwnd=N ssthresh=N srtt=US bytes_acked=N total_retrans=N ca_state=N"
 *   " 12.345678: tracing_mark_write: TEXT"
 * Only sockets whose destination port is in [PORT_LO, PORT_HI] are printed (the data senders). The fields are
 * the kernel's tcp_get_info() (net/ipv4/tcp.c): tcpi_snd_cwnd, tcpi_snd_ssthresh, tcpi_rtt (srtt_us >> 3),
 * tcpi_bytes_acked, tcpi_total_retrans, tcpi_ca_state. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static void stamp(char *buf, size_t n) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    snprintf(buf, n, " %ld.%06ld", (long)ts.tv_sec, ts.tv_nsec / 1000);
}

static int dump(int fd, int lo, int hi) {
    struct {
        struct nlmsghdr nlh;
        struct inet_diag_req_v2 req;
    } msg;
    memset(&msg, 0, sizeof msg);
    msg.nlh.nlmsg_len = sizeof msg;
    msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    msg.req.sdiag_family = AF_INET;
    msg.req.sdiag_protocol = IPPROTO_TCP;
    msg.req.idiag_ext = 1 << (INET_DIAG_INFO - 1);
    msg.req.idiag_states = ~0u & ~((1u << 10) /* TCP_LISTEN */);
    struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
    if (sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&sa, sizeof sa) < 0) return -1;
    char t[32];
    stamp(t, sizeof t);
    static char buf[65536];
    for (;;) {
        ssize_t len = recv(fd, buf, sizeof buf, 0);
        if (len <= 0) return -1;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_type == NLMSG_DONE) return 0;
            if (h->nlmsg_type == NLMSG_ERROR) return -1;
            struct inet_diag_msg *m = NLMSG_DATA(h);
            int dport = ntohs(m->id.idiag_dport);
            if (dport < lo || dport > hi) continue;
            int alen = h->nlmsg_len - NLMSG_LENGTH(sizeof *m);
            for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
                if (a->rta_type != INET_DIAG_INFO) continue;
                struct tcp_info ti;
                memset(&ti, 0, sizeof ti);
                size_t n = RTA_PAYLOAD(a) < sizeof ti ? RTA_PAYLOAD(a) : sizeof ti;
                memcpy(&ti, RTA_DATA(a), n);
                char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];
                inet_ntop(AF_INET, m->id.idiag_src, s, sizeof s);
                inet_ntop(AF_INET, m->id.idiag_dst, d, sizeof d);
                printf("%s: tcp_info: src=%s:%d dest=%s:%d snd_cwnd=%u ssthresh=%u srtt=%u bytes_acked=%llu total_retrans=%u ca_state=%u\n",
                       t, s, ntohs(m->id.idiag_sport), d, dport, ti.tcpi_snd_cwnd, ti.tcpi_snd_ssthresh, ti.tcpi_rtt,
                       (unsigned long long)ti.tcpi_bytes_acked, ti.tcpi_total_retrans, ti.tcpi_ca_state);
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "mark") == 0) {
        char t[32];
        stamp(t, sizeof t);
        printf("%s: tracing_mark_write: %s\n", t, argv[2]);
        return 0;
    }
    if (argc != 4) {
        fprintf(stderr, "usage: tcpinfo PORT_LO PORT_HI INTERVAL_US | tcpinfo mark TEXT\n");
        return 2;
    }
    int lo = atoi(argv[1]), hi = atoi(argv[2]);
    long us = atol(argv[3]);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) {
        perror("tcpinfo: socket(NETLINK_SOCK_DIAG)");
        return 1;
    }
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    long samples = 0, failures = 0;
    while (!stopping) {
        if (dump(fd, lo, hi) < 0) failures++;
        samples++;
        fflush(stdout);
        next.tv_nsec += us * 1000;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > next.tv_sec + 1) next = now;   /* fell far behind (guest stall): do not catch up in a burst */
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
    fprintf(stderr, "tcpinfo: samples=%ld failures=%ld\n", samples, failures);
    return 0;
}
