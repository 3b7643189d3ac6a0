/** Public surface of detection: the pipeline, the vocabulary of findings, and the chat classifier. */
export { createDetectionPipeline, initialPipelineState, resolveDetectionConfig, stepPipeline } from './pipeline';
export type {
  DetectionConfig,
  DetectionConfigInput,
  DetectionPipeline,
  OperatorInput,
  PipelineInput,
  PipelineState,
  PipelineStep,
} from './pipeline';
export type { DetectorName, DetectorReport, Evidence, Finding, FindingSource, IncidentKind, Severity } from './types';
export { classifyComplaint, classifyComplaintMask } from './chat-classify';
export type { ChatLang, ComplaintCategory } from './chat-phrases';
