// HallmarkCrimeData: police.uk crime in the store. Importing files and zips (from the command line
// or as an upload followed by its record), each partnership's figures and rates for a period, the
// crime extract at four levels, and the pages and API answers that show them. It may use
// HallmarkDomain, HallmarkAnalytics, HallmarkStore, HallmarkKit and the register (whose districts a
// partnership's crime counts); the assessment reads it through `CrimeDataService` and `CrimeFigures`.
