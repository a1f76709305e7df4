# Network namespaces for partition benchmarks (as root), the same layout as the tests' PartitionNetwork: namespace i
# (opbN-<random>) joined to the root namespace by a veth pair with a /24 of its own in 10.201.0.0/16, a default route
# through the root namespace, which forwards between them. Cutting one sets its root-side veth down: it then reaches
# nothing. Source it, then:
#   netns_create COUNT  creates COUNT namespaces; sets netns_name[i], netns_veth[i] (root side), netns_address[i]
#                       (inside) and netns_root_address[i] (the root side's, reachable from every other namespace)
#   netns_cut I / netns_heal I
#   netns_index_of ADDRESS
#                       the index of the namespace holding ADDRESS
#   netns_destroy       deletes them and restores net.ipv4.ip_forward; safe to repeat (use it in an EXIT trap)
netns_name=()
netns_veth=()
netns_address=()
netns_root_address=()
netns_forwarding=""

netns_create() {
  local count=$1 suffix octet i used
  [ "$(id -u)" -eq 0 ] || { log "network namespaces need root"; exit 1; }
  suffix=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
  used=$(ip -4 -o addr show)
  for _ in $(seq 1 20); do
    octet=$(( (RANDOM % 64) * 4 ))
    for i in $(seq 0 $((count - 1))); do grep -q "10\.201\.$((octet + i))\." <<<"$used" && continue 2; done
    break
  done
  netns_forwarding=$(cat /proc/sys/net/ipv4/ip_forward)
  for i in $(seq 0 $((count - 1))); do
    netns_name[i]="opb$i-$suffix"
    netns_veth[i]="opb$i${suffix}r"
    netns_root_address[i]="10.201.$((octet + i)).1"
    netns_address[i]="10.201.$((octet + i)).2"
    ip netns add "${netns_name[i]}"
    ip link add "${netns_veth[i]}" type veth peer name "opb$i${suffix}n"
    ip link set "opb$i${suffix}n" netns "${netns_name[i]}"
    ip addr add "${netns_root_address[i]}/24" dev "${netns_veth[i]}"
    ip link set "${netns_veth[i]}" up
    ip -n "${netns_name[i]}" addr add "${netns_address[i]}/24" dev "opb$i${suffix}n"
    ip -n "${netns_name[i]}" link set "opb$i${suffix}n" up
    ip -n "${netns_name[i]}" link set lo up
    ip -n "${netns_name[i]}" route add default via "${netns_root_address[i]}"
  done
  echo 1 >/proc/sys/net/ipv4/ip_forward
}

netns_cut() { ip link set "${netns_veth[$1]}" down; }
netns_heal() { ip link set "${netns_veth[$1]}" up; }

netns_index_of() {
  local i
  for i in "${!netns_address[@]}"; do [ "${netns_address[i]}" = "$1" ] && { echo "$i"; return 0; }; done
  return 1
}

netns_destroy() {
  local i
  for i in "${!netns_name[@]}"; do
    ip link del "${netns_veth[i]}" 2>/dev/null || true
    ip netns del "${netns_name[i]}" 2>/dev/null || true
  done
  netns_name=() netns_veth=() netns_address=() netns_root_address=()
  if [ -n "$netns_forwarding" ]; then echo "$netns_forwarding" >/proc/sys/net/ipv4/ip_forward; netns_forwarding=""; fi
}
