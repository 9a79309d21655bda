/** Every operation of the node: adding one is adding its file and a line here. */
export { characterPerformance } from './video/characterPerformance.operation';
export { generate } from './video/generate.operation';
export { getTask } from './task/get.operation';
export { imageToVideo } from './video/imageToVideo.operation';
export { upscale } from './video/upscale.operation';
export { videoToVideo } from './video/videoToVideo.operation';
