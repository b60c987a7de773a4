import type { SourceLocation } from './errors.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding in the report. `error` means the migration would not give the same image and
 * was not done; `warning` means it was done but needs a look; `info` records an assumption.
 */
export interface Finding {
  code: string;
  severity: Severity;
  file: string;
  line: number;
  column?: number;
  message: string;
}

/** Stable codes, so tools and docs can refer to them. */
export const CODES = {
  unresolvedValue: 'MSM001',
  environmentDefault: 'MSM002',
  unknownDockerFlag: 'MSM003',
  conditionalStep: 'MSM004',
  sourcedFile: 'MSM005',
  streamedCopy: 'MSM006',
  containerRun: 'MSM007',
  unknownContainer: 'MSM008',
  buildArgConflict: 'MSM010',
  platformMismatch: 'MSM011',
  contextRebased: 'MSM012',
  contextOutside: 'MSM013',
  dockerignoreDiffers: 'MSM014',
  artifactIgnored: 'MSM015',
  archiveAdded: 'MSM016',
  ownershipChown: 'MSM017',
  globalArgConflict: 'MSM018',
  directiveConflict: 'MSM019',
  severalRuntimes: 'MSM020',
  builderNotBuilt: 'MSM021',
  unusedArtifact: 'MSM022',
  mergedFlags: 'MSM023',
  keptStatement: 'MSM024',
  builderMultiStage: 'MSM025',
  makeEnvironmentConditional: 'MSM026',
  movedHostStep: 'MSM027',
  chainedImage: 'MSM030',
  copyVariable: 'MSM031',
  unknownHostOperand: 'MSM032',
  laterUse: 'MSM033',
  copyFlag: 'MSM034',
  exportedFiles: 'MSM035',
  renamedFile: 'MSM036',
  hostUser: 'MSM037',
  namedContext: 'MSM040',
  copiedBuildFiles: 'MSM041',
  packageCache: 'MSM042',
  stuckCommand: 'MSM043',
  builderImageUsed: 'MSM044',
  valueRead: 'MSM045',
  builderImageKept: 'MSM046',
  contextChanged: 'MSM047',
  namedElsewhere: 'MSM048',
  conditionalExtraction: 'MSM049',
  linkFollowed: 'MSM050',
  keptContainerUse: 'MSM051',
  orphanedRead: 'MSM052',
  frozenDefault: 'MSM053',
  otherMakeTarget: 'MSM054',
  hereDocumentValue: 'MSM055',
  dockerfileFromBuilder: 'MSM056',
} as const;

export function finding(
  code: string,
  severity: Severity,
  at: SourceLocation,
  message: string,
): Finding {
  const out: Finding = { code, severity, file: at.file, line: at.line, message };
  if (at.column !== undefined) out.column = at.column;
  return out;
}
