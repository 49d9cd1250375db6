// libnftnl for Swift. Order matters (swift-notes §1): the libc socket headers must come before the linux uapi
// headers, or `struct in6_addr` is defined twice in different modules and the build fails.
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdint.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <libnftnl/common.h>
#include <libnftnl/batch.h>
#include <libnftnl/table.h>
#include <libnftnl/chain.h>
#include <libnftnl/rule.h>
#include <libnftnl/expr.h>
#include <libnftnl/gen.h>
