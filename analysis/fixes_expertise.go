package analysis

import "github.com/expertise-ls/expertise-ls/expertise"

// expertiseFixes returns the fixes for a problem in an expertise file:
// "Set last_updated to today" for expertise-stale, "Remove this entry" for
// expertise-stale-path. (Stub: owned by the expertise-editing work.)
func expertiseFixes(pass *Pass, f *expertise.File, p expertise.Problem) []SuggestedFix { return nil }
