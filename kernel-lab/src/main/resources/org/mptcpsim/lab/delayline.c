/* delayline: a propagation-delay element on a TUN device (a userspace netem substitute for hosts
 * without sch_netem). Part of mptcp-sim kernel-lab; compiled on first use with gcc.
 *
 * usage: delayline TUNNAME DELAY_US [SLOTS]
 * Every packet that the kernel routes into TUNNAME is kept for DELAY_US microseconds and then
 * written back into the same device, where it re-enters the stack (iif=TUNNAME) and is forwarded.
 * Order is FIFO. A packet is lost only when the ring of SLOTS packets is full; on SIGTERM/SIGINT
 * the program prints "delayline NAME: forwarded=F dropped=D" on stderr, which the lab reads to
 * decide whether the run was limited by the lab rather than by TCP. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

enum { MAXPKT = 2048 };

static volatile sig_atomic_t stopping;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static uint64_t mono_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s TUN DELAY_US [SLOTS]\n", argv[0]);
        return 2;
    }
    const uint64_t delay = strtoull(argv[2], NULL, 10);
    const size_t cap = argc > 3 ? strtoul(argv[3], NULL, 10) : 16384;
    int fd = open("/dev/net/tun", O_RDWR);
    if (fd < 0) { perror("open /dev/net/tun"); return 1; }
    struct ifreq req;
    memset(&req, 0, sizeof req);
    req.ifr_flags = IFF_TUN | IFF_NO_PI;
    strncpy(req.ifr_name, argv[1], IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &req) < 0) { perror("TUNSETIFF"); return 1; }
    fcntl(fd, F_SETFL, O_NONBLOCK);

    unsigned char *data = malloc(cap * MAXPKT);
    uint16_t *size = malloc(cap * sizeof *size);
    uint64_t *release_at = malloc(cap * sizeof *release_at);
    if (!data || !size || !release_at) { fputs("delayline: out of memory\n", stderr); return 1; }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    size_t first = 0, used = 0;
    unsigned long long forwarded = 0, dropped = 0;
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    while (!stopping) {
        uint64_t now = mono_us();
        while (used > 0 && release_at[first] <= now) {
            if (write(fd, data + first * MAXPKT, size[first]) < 0 && errno == EAGAIN) break;
            first = (first + 1) % cap;
            used--;
            forwarded++;
        }
        for (;;) {
            unsigned char spill[MAXPKT];
            size_t slot = (first + used) % cap;
            unsigned char *into = used < cap ? data + slot * MAXPKT : spill;
            ssize_t n = read(fd, into, MAXPKT);
            if (n <= 0) break;
            if (used == cap) { dropped++; continue; }
            size[slot] = (uint16_t)n;
            release_at[slot] = mono_us() + delay;
            used++;
        }
        struct timespec wait, *timeout = NULL;
        if (used > 0) {
            uint64_t t = mono_us();
            uint64_t w = release_at[first] > t ? release_at[first] - t : 0;
            wait.tv_sec = (time_t)(w / 1000000u);
            wait.tv_nsec = (long)(w % 1000000u) * 1000L;
            timeout = &wait;
        }
        ppoll(&pfd, 1, timeout, NULL);
    }
    fprintf(stderr, "delayline %s: forwarded=%llu dropped=%llu\n", argv[1], forwarded, dropped);
    return 0;
}
