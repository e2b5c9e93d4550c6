// Package watch turns file-system events under a site's source folders into
// batches of changed paths, for serve mode's rebuild loop.
//
// It sits before the pipeline: a Batch says which files under content/,
// layouts/ and static/ may have changed, and the build re-reads those. It
// wraps fsnotify, which is not recursive and reports editors' saves as
// several events, so a Watcher:
//   - watches directories, never single files, and adds every directory
//     created later, reporting the files already inside it;
//   - drops Chmod-only events and editor temp, swap and lock files (the
//     list in internal/editorfile, which the loader skips too);
//   - coalesces a burst into one Batch: it waits for a quiet window (Quiet)
//     after the last event, but never longer than MaxWait after the first,
//     and folds what arrives while the consumer is busy into the next Batch;
//   - re-walks its tree after a directory is removed or renamed and after an
//     event overflow, and then marks the Batch Rescan: its Paths are a hint,
//     and the consumer must re-read everything;
//   - when the OS watch limit is reached, says so through Options.Warn and
//     polls the directories it could not watch.
//
// Invariants: Batch paths are slash-separated, relative to the root, sorted
// and unique; only the listed folders are ever watched (so the output
// folder never is); Close stops every goroutine the Watcher started.
package watch
