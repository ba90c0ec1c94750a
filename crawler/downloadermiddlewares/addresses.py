"""Which network addresses the crawler may reach: public ones only, unless a seed or a setting says otherwise."""

from __future__ import annotations

import ipaddress

# Not public, though Python's is_private does not say so for all of them in every version.
_EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT (RFC 6598)
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("198.18.0.0/15"),  # benchmarking
)


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address; False for private, loopback, link-local (the cloud
    metadata service 169.254.169.254 among them), multicast, reserved and unspecified ones."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    ):
        return False
    return not any(ip in net for net in _EXTRA_BLOCKED if ip.version == net.version)


def is_ip_literal(host: str) -> bool:
    """True when ``host`` is written as an IP address rather than a name."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
