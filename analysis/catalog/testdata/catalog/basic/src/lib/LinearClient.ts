export class LinearClient {} // not in a client location
