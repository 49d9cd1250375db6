// _GNU_SOURCE only here, never in the public header (swift-notes §2 pitfall).
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <linux/netfilter_ipv4.h>
#include "cweftsys.h"

// linux/netfilter_ipv6/ip6_tables.h pulls in headers that clash with glibc's; the value is stable uapi.
#ifndef IP6T_SO_ORIGINAL_DST
#define IP6T_SO_ORIGINAL_DST 80
#endif
#ifndef IP_TRANSPARENT
#define IP_TRANSPARENT 19
#endif
#ifndef IPV6_TRANSPARENT
#define IPV6_TRANSPARENT 75
#endif
#ifndef SO_MARK
#define SO_MARK 36
#endif

int cweftsys_setns(int fd, int nstype) { return setns(fd, nstype); }
int cweftsys_unshare(int flags) { return unshare(flags); }
int cweftsys_gettid(void) { return (int)syscall(SYS_gettid); }

const int CWEFTSYS_CLONE_NEWNET = CLONE_NEWNET;
const int CWEFTSYS_SO_ORIGINAL_DST = SO_ORIGINAL_DST;
const int CWEFTSYS_IP6T_SO_ORIGINAL_DST = IP6T_SO_ORIGINAL_DST;
const int CWEFTSYS_SO_MARK = SO_MARK;
const int CWEFTSYS_IP_TRANSPARENT = IP_TRANSPARENT;
const int CWEFTSYS_IPV6_TRANSPARENT = IPV6_TRANSPARENT;
const int CWEFTSYS_SOL_IP = SOL_IP;
const int CWEFTSYS_SOL_IPV6 = SOL_IPV6;
