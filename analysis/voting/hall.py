"""Where phones in the hall reach this computer: its local network addresses (no request leaves it).

Phones on the hall's Wi-Fi or on a phone's hotspot open ``http://<address>:<port>/glosowanie``;
the dashboard must listen beyond this computer for that (``--server.address 0.0.0.0``).
"""

from __future__ import annotations

import ipaddress
import socket

HALL_COMMAND = ".venv/bin/streamlit run dashboard.py --server.address 0.0.0.0"


def _usable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def local_addresses() -> list[str]:
    """This computer's IPv4 addresses on its networks (the default route's first), loopback left out.

    The default route's address is found by "connecting" a UDP socket, which sends nothing.
    """
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere; no packet is sent
            found.append(probe.getsockname()[0])
    except OSError:
        pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    ordered: list[str] = []
    for address in found:
        if _usable(address) and address not in ordered:
            ordered.append(address)
    return ordered


def base_url(host: str, port: int) -> str:
    return f"http://{host}:{port}"
