package server

import _ "embed"

// liveJS is the live-reload and overlay script served at ScriptPath.
//
//go:embed live.js
var liveJS []byte
