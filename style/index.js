import './base.css';
import './panel.css';
import './doctor.css';
import './lifecycle.css';
