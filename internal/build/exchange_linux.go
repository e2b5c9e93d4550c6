package build

import "golang.org/x/sys/unix"

// exchange atomically swaps two directories with renameat2(RENAME_EXCHANGE):
// there is no moment at which neither exists.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
