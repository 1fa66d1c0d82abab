package dev.signoff.intake;

/** One received SQS message. Its body holds a task token: never log it. */
record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount) {

    @Override
    public String toString() {
        return "QueueMessage[" + messageId + ", receiveCount=" + receiveCount + "]";
    }
}
