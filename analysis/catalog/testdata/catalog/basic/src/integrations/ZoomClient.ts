export class ZoomClient {} // want "Zoom is used here but integrations_catalog has no entry for it; add it under video"
