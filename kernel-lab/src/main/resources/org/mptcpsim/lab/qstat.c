/* qstat: samples the lab's bottleneck tbf qdiscs through rtnetlink without forking, in place of a `tc -s qdisc`
 * process per sample (in User-Mode Linux a fork+exec costs tens of ms of the guest's one CPU and perturbed the
 * kernel under test: README, LAB-UML-1). Part of mptcp-sim kernel-lab; compiled on first use with gcc.
 *
 * usage: qstat INTERVAL_US NS DEV ID [NS DEV ID ...]   -- runs until SIGTERM
 * For each NS it enters the network namespace /run/netns/NS (setns), opens one NETLINK_ROUTE socket there (a
 * socket stays in the namespace it was created in) and resolves DEV's ifindex; then every INTERVAL_US (absolute
 * deadlines on CLOCK_MONOTONIC) it dumps RTM_GETQDISC on each socket and prints, per tbf qdisc of DEV, one line
 * stamped with CLOCK_MONOTONIC (the clock of tracefs' "mono" trace_clock and of tcpinfo's lines) in the layout of
 * a trace_pipe line:
 *   " 12.345678: qdisc: id=ID kind=tbf sent_bytes=N sent_pkts=N drops=N backlog_bytes=N backlog_pkts=N"
 * The counters are the ones `tc -s qdisc` prints ("Sent N bytes N pkt (dropped N ...) backlog Nb Np"): TCA_STATS2's
 * TCA_STATS_BASIC (bytes, packets) and TCA_STATS_QUEUE (drops, backlog, qlen), else the legacy TCA_STATS. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/gen_stats.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXQ 16

struct queue {
    const char *id;
    int fd;
    int ifindex;
    uint32_t seq;
};

static volatile sig_atomic_t stopping;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static void print_qdisc(const struct queue *q, const char *stamp, struct tcmsg *t, int len) {
    const char *kind = NULL;
    uint64_t bytes = 0;
    uint32_t pkts = 0, drops = 0, backlog = 0, qlen = 0;
    int have = 0;
    for (struct rtattr *a = (struct rtattr *)((char *)t + NLMSG_ALIGN(sizeof *t)); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        if (a->rta_type == TCA_KIND) {
            kind = RTA_DATA(a);
        } else if (a->rta_type == TCA_STATS2) {
            int n = RTA_PAYLOAD(a);
            for (struct rtattr *s = RTA_DATA(a); RTA_OK(s, n); s = RTA_NEXT(s, n)) {
                if (s->rta_type == TCA_STATS_BASIC && RTA_PAYLOAD(s) >= 12) {
                    struct gnet_stats_basic b;
                    memcpy(&b, RTA_DATA(s), RTA_PAYLOAD(s) < sizeof b ? RTA_PAYLOAD(s) : sizeof b);
                    bytes = b.bytes;
                    pkts = b.packets;
                    have |= 1;
                } else if (s->rta_type == TCA_STATS_QUEUE && RTA_PAYLOAD(s) >= sizeof(struct gnet_stats_queue)) {
                    struct gnet_stats_queue qs;
                    memcpy(&qs, RTA_DATA(s), sizeof qs);
                    qlen = qs.qlen;
                    backlog = qs.backlog;
                    drops = qs.drops;
                    have |= 2;
                }
            }
        } else if (a->rta_type == TCA_STATS && have != 3 && RTA_PAYLOAD(a) >= sizeof(struct tc_stats)) {
            struct tc_stats st;
            memcpy(&st, RTA_DATA(a), sizeof st);
            bytes = st.bytes;
            pkts = st.packets;
            drops = st.drops;
            qlen = st.qlen;
            backlog = st.backlog;
            have = 3;
        }
    }
    if (kind == NULL || strcmp(kind, "tbf") != 0 || have != 3) return;
    printf("%s: qdisc: id=%s kind=tbf sent_bytes=%llu sent_pkts=%u drops=%u backlog_bytes=%u backlog_pkts=%u\n", stamp, q->id,
           (unsigned long long)bytes, pkts, drops, backlog, qlen);
}

/* One RTM_GETQDISC dump on q's socket; the lines of DEV's tbf qdiscs. -1 on a socket error. */
static int sample(struct queue *q) {
    struct {
        struct nlmsghdr nlh;
        struct tcmsg t;
    } req;
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof req.t);
    req.nlh.nlmsg_type = RTM_GETQDISC;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.nlh.nlmsg_seq = ++q->seq;
    req.t.tcm_family = AF_UNSPEC;
    req.t.tcm_ifindex = q->ifindex;
    struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    if (sendto(q->fd, &req, req.nlh.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof sa) < 0) return -1;
    char stamp[32];
    snprintf(stamp, sizeof stamp, " %ld.%06ld", (long)ts.tv_sec, ts.tv_nsec / 1000);
    static char buf[65536];
    for (;;) {
        ssize_t len = recv(q->fd, buf, sizeof buf, 0);
        if (len < 0 && errno == EINTR) {
            if (stopping) return 0;
            continue;
        }
        if (len <= 0) return -1;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_seq != q->seq) continue;
            if (h->nlmsg_type == NLMSG_DONE) return 0;
            if (h->nlmsg_type == NLMSG_ERROR) return -1;
            if (h->nlmsg_type != RTM_NEWQDISC) continue;
            struct tcmsg *t = NLMSG_DATA(h);
            if (t->tcm_ifindex != q->ifindex) continue;   /* the dump covers every device of the namespace */
            print_qdisc(q, stamp, t, h->nlmsg_len - NLMSG_LENGTH(sizeof *t));
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 5 || (argc - 2) % 3 != 0 || (argc - 2) / 3 > MAXQ) {
        fprintf(stderr, "usage: qstat INTERVAL_US NS DEV ID [NS DEV ID ...] (at most %d queues)\n", MAXQ);
        return 2;
    }
    long us = atol(argv[1]);
    if (us < 1000) {
        fprintf(stderr, "qstat: INTERVAL_US must be >= 1000, got %s\n", argv[1]);
        return 2;
    }
    struct queue qs[MAXQ];
    int n = (argc - 2) / 3;
    for (int i = 0; i < n; i++) {
        const char *ns = argv[2 + 3 * i], *dev = argv[3 + 3 * i];
        char path[256];
        snprintf(path, sizeof path, "/run/netns/%s", ns);
        int nsfd = open(path, O_RDONLY | O_CLOEXEC);
        if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) < 0) {
            fprintf(stderr, "qstat: cannot enter network namespace %s: %s\n", path, strerror(errno));
            return 1;
        }
        close(nsfd);
        qs[i].id = argv[4 + 3 * i];
        qs[i].seq = 0;
        qs[i].fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        qs[i].ifindex = (int)if_nametoindex(dev);
        if (qs[i].fd < 0 || qs[i].ifindex == 0) {
            fprintf(stderr, "qstat: %s in %s: %s\n", qs[i].fd < 0 ? "netlink socket" : dev, ns, strerror(errno));
            return 1;
        }
    }
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = on_signal;
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (!stopping) {
        for (int i = 0; i < n && !stopping; i++) {
            if (sample(&qs[i]) < 0) {
                fprintf(stderr, "qstat: dump of %s failed: %s\n", qs[i].id, strerror(errno));
                return 1;
            }
        }
        fflush(stdout);
        next.tv_nsec += (us % 1000000) * 1000;
        next.tv_sec += us / 1000000 + next.tv_nsec / 1000000000;
        next.tv_nsec %= 1000000000;
        while (!stopping && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR) {
        }
    }
    return 0;
}
