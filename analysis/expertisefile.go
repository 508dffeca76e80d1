package analysis

// ExpertiseFile reports the expertise-* problems of expertise files.
// (Stub: owned by the expertise work.)
var ExpertiseFile = &Analyzer{Name: "expertise", Doc: "checks expertise files", Run: func(*Pass) {}}
