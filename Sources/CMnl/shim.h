// libmnl for Swift, plus the rtnetlink headers used for policy routing (`ip rule` / `ip route` over netlink).
// The libc socket headers come first (swift-notes §1 pitfall: header order).
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/fib_rules.h>
#include <libmnl/libmnl.h>
