// Package gitdate reads when each file of a git checkout last changed, for
// the "last updated" line of pages whose frontmatter sets no date.
//
// It sits before content in the pipeline: the command line calls Read once
// per build and hands the map to content.Options, so the content package
// never runs git and stays a pure function of its fs.FS.
//
// Invariants:
//   - One git log process reads every file's date, however many files there
//     are (plus one rev-parse to learn whether the folder is a checkout
//     and where a shallow clone's history stops).
//   - A file's date is the latest committer date of the commits that changed
//     it, in UTC, so a given commit always yields the same dates whatever the
//     machine's time zone or the order git walks history in.
//   - Dates are never guessed: in a shallow clone, files last changed at or
//     before the clone's boundary have no date rather than the boundary's.
//   - git runs only in an existing folder with .git in it or above it: for a
//     missing folder, one outside any checkout, or without git installed,
//     Read returns ErrNotRepo without a word and the caller builds without
//     dates. git's own standard error is captured, never passed through:
//     a failure is reported as an error naming the git command.
package gitdate
