//go:build race

package markdown

// raceEnabled: the race detector slows goldmark several times over.
const raceEnabled = true
