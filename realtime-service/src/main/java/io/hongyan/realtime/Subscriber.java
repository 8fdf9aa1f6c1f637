package io.hongyan.realtime;

/** A local connection that receives the events of the channels it subscribed to. */
public interface Subscriber {

    /**
     * Hands over one event frame. Runs on the feed's delivery thread, so it must return at once:
     * queue the frame, or drop the subscriber if it cannot keep up; never wait for a socket.
     */
    void deliver(String frame);
}
