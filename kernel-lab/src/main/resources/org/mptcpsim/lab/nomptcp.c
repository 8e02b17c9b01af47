/* nomptcp: LD_PRELOAD library that makes every TCP socket of a process plain TCP on the out-of-tree
 * multipath-tcp.org kernel (v0.9x), where net.mptcp.mptcp_enabled=1 makes every TCP socket MPTCP-capable.
 * Part of mptcp-sim kernel-lab (competing plain-TCP flows on that kernel); compiled on first use with gcc.
 * After the real socket() returns a stream socket of AF_INET/AF_INET6, it sets the per-socket option
 * MPTCP_ENABLED (42 in that kernel's include/uapi/linux/tcp.h, level IPPROTO_TCP) to 0. On a kernel without the
 * option setsockopt fails with ENOPROTOOPT, which is ignored (the socket is plain TCP there anyway). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define MPTCP_ENABLED_OPT 42

int socket(int domain, int type, int protocol) {
    static int (*real)(int, int, int);
    if (!real) real = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
    int fd = real(domain, type, protocol);
    if (fd >= 0 && (domain == AF_INET || domain == AF_INET6) && (type & 0xf) == SOCK_STREAM) {
        int off = 0;
        setsockopt(fd, IPPROTO_TCP, MPTCP_ENABLED_OPT, &off, sizeof off);
    }
    return fd;
}
