// Small C shim for what Swift's Glibc module hides (swift-notes §2–3).
// Declarations only: feature macros such as _GNU_SOURCE live in cweftsys.c. Defining them here would change
// struct layouts across clang modules and break debug builds (`fd_set` mismatch with CNIOLinux).
#ifndef CWEFTSYS_H
#define CWEFTSYS_H

/// setns(2); returns 0 or -1 with errno set.
int cweftsys_setns(int fd, int nstype);

/// unshare(2); returns 0 or -1 with errno set.
int cweftsys_unshare(int flags);

/// CLONE_NEWNET, the namespace type for setns/unshare.
extern const int CWEFTSYS_CLONE_NEWNET;

/// getsockopt(SOL_IP, SO_ORIGINAL_DST) -> struct sockaddr_in (linux/netfilter_ipv4.h).
extern const int CWEFTSYS_SO_ORIGINAL_DST;

/// getsockopt(SOL_IPV6, IP6T_SO_ORIGINAL_DST) -> struct sockaddr_in6 (linux/netfilter_ipv6/ip6_tables.h).
extern const int CWEFTSYS_IP6T_SO_ORIGINAL_DST;

/// SOL_SOCKET option: the packet mark (needs CAP_NET_ADMIN).
extern const int CWEFTSYS_SO_MARK;

/// SOL_IP / SOL_IPV6 option: allow binding to a non-local source address (needs CAP_NET_ADMIN).
extern const int CWEFTSYS_IP_TRANSPARENT;
extern const int CWEFTSYS_IPV6_TRANSPARENT;

/// Socket option levels.
extern const int CWEFTSYS_SOL_IP;
extern const int CWEFTSYS_SOL_IPV6;

/// The calling thread's kernel id (gettid(2)).
int cweftsys_gettid(void);

#endif
