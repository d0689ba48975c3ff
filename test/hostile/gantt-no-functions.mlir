// ISSUE: 12 internal errors - gantt= on a module without functions.
// PIPELINE: builtin.module(gaus-schedule{gantt=side-chart.png})
// EXPECT: any
module {
}
