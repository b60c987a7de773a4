# Shared by the toolchain stand-ins of the test base image (busybox sh).
# Everything here is deterministic: same input files, same output bytes.

# One sha256 over the files below DIR that match the find(1) tests given after
# it, in a fixed order, covering both names and contents.
tree_hash() {
  _dir=$1
  shift
  (
    cd "$_dir" 2>/dev/null || exit 0
    find . -type f \( "$@" \) | LC_ALL=C sort | while IFS= read -r _f; do
      printf '%s %s\n' "$(sha256sum <"$_f" | cut -c1-64)" "$_f"
    done
  ) | sha256sum | cut -c1-64
}

# Write an executable stand-in program to FILE that prints TEXT when run.
write_program() {
  _out=$1
  _text=$2
  case $_out in */*) mkdir -p "${_out%/*}" ;; esac
  {
    echo '#!/bin/sh'
    echo "cat <<'STAND_IN_EOF'"
    printf '%s\n' "$_text"
    echo 'STAND_IN_EOF'
  } >"$_out"
  chmod 755 "$_out"
}

# Add NAME to the sorted, duplicate-free list in FILE.
list_add() {
  _file=$1
  shift
  mkdir -p "${_file%/*}"
  { [ -f "$_file" ] && cat "$_file"; for _n in "$@"; do echo "$_n"; done; } | LC_ALL=C sort -u >"$_file.new"
  mv "$_file.new" "$_file"
}

# Remove names from the list in FILE.
list_del() {
  _file=$1
  shift
  [ -f "$_file" ] || return 0
  for _n in "$@"; do
    grep -vxF "$_n" "$_file" >"$_file.new" || true
    mv "$_file.new" "$_file"
  done
}

# First free numeric id >= MIN in field 3 of the colon file FILE.
next_id() {
  awk -F: -v min="$2" '{ used[$3] = 1 } END { i = min; while (i in used) i++; print i }' "$1"
}

# Field N of the entry NAME in a colon file (passwd, group).
field_of() {
  awk -F: -v n="$2" -v f="$3" '$1 == n { print $f; exit }' "$1"
}

# Whether NUMBER is in use as an id in the colon file FILE.
id_used() {
  awk -F: -v id="$2" '$3 == id { found = 1 } END { exit !found }' "$1"
}

# Create group NAME with GID (or the next free one from MIN).
make_group() {
  _name=$1
  _gid=$2
  [ -n "$_gid" ] || _gid=$(next_id /etc/group "$3")
  echo "$_name:x:$_gid:" >>/etc/group
}

# Add USER to the member list of GROUP.
group_member() {
  awk -F: -v g="$1" -v u="$2" 'BEGIN { OFS = ":" }
    $1 == g { if ($4 == "") $4 = u; else if (("," $4 ",") !~ ("," u ",")) $4 = $4 "," u }
    { print }' /etc/group >/etc/group.new
  mv /etc/group.new /etc/group
}

# Resolve a group given by name or number to its gid ("" when unknown).
group_gid() {
  case $1 in
    *[!0-9]*) field_of /etc/group "$1" 3 ;;
    *) echo "$1" ;;
  esac
}

# make_user NAME UID GID HOME SHELL GECOS CREATE_HOME(1/0)
# Real tools also write /etc/shadow, dated with the day of the change; the
# stand-ins keep no shadow file so builds on different days compare equal.
make_user() {
  echo "$1:x:$2:$3:$6:$4:$5" >>/etc/passwd
  if [ "$7" = 1 ] && [ ! -d "$4" ]; then
    mkdir -p "$4"
    chown "$2:$3" "$4"
    chmod 755 "$4"
  fi
}
