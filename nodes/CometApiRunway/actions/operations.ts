/** Every operation of the node: adding one is adding its file and a line here. */
export { actOne } from './video/actOne.operation';
export { characterPerformance } from './video/characterPerformance.operation';
export { fromCallback } from './task/fromCallback.operation';
export { generate } from './video/generate.operation';
export { getTask } from './task/get.operation';
export { imageToVideo } from './video/imageToVideo.operation';
export { restyle } from './video/restyle.operation';
export { textToImage } from './image/textToImage.operation';
export { upscale } from './video/upscale.operation';
export { videoToVideo } from './video/videoToVideo.operation';
